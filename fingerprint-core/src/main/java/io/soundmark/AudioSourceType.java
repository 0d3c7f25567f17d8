package io.soundmark;

/** Whether an input was given as audio or as a video whose audio track is fingerprinted. */
public enum AudioSourceType {
    AUDIO("audio"),
    VIDEO("video");

    private final String jsonName;

    AudioSourceType(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The value written as {@code audio_source_type}. */
    public String jsonName() {
        return jsonName;
    }

    /** The type written as {@code name} in JSON. */
    public static AudioSourceType fromJsonName(String name) {
        for (AudioSourceType t : values()) {
            if (t.jsonName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("audio_source_type must be \"audio\" or \"video\", got \"" + name + "\"");
    }
}
