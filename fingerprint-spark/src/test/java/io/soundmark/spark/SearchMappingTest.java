package io.soundmark.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.soundmark.SegmentEmbedding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The search-engine mappings shipped in fingerprint-spark/search describe exactly the job's segments table. */
class SearchMappingTest {

    @ParameterizedTest
    @ValueSource(strings = {"opensearch-mapping.json", "elasticsearch-mapping.json"})
    void theMappingHasEveryColumnOfTheSegmentsTableWithItsTypeAndNothingElse(String file) throws IOException {
        JsonObject mapping = JsonParser.parseString(Files.readString(Path.of("search", file))).getAsJsonObject();
        JsonObject properties = mapping.getAsJsonObject("mappings").getAsJsonObject("properties");
        assertEquals("strict", mapping.getAsJsonObject("mappings").get("dynamic").getAsString());
        Map<String, String> expected = new TreeMap<>();
        Map<String, String> found = new TreeMap<>();
        for (StructField f : SegmentRows.SEGMENTS.fields()) {
            expected.put(f.name(), searchType(f.dataType(), file));
        }
        properties.keySet().forEach(name -> found.put(name, properties.getAsJsonObject(name).get("type").getAsString()));
        assertEquals(expected, found);
        JsonObject vector = properties.getAsJsonObject(SegmentEmbedding.EMBEDDING);
        assertEquals(512, vector.has("dims") ? vector.get("dims").getAsInt() : vector.get("dimension").getAsInt());
        if (file.startsWith("opensearch")) {
            assertEquals(true, mapping.getAsJsonObject("settings").getAsJsonObject("index").get("knn").getAsBoolean());
        }
    }

    private static String searchType(DataType type, String file) {
        if (type instanceof org.apache.spark.sql.types.ArrayType) {
            return file.startsWith("opensearch") ? "knn_vector" : "dense_vector";
        }
        return Map.of(DataTypes.StringType, "keyword", DataTypes.IntegerType, "integer", DataTypes.DoubleType, "double",
                DataTypes.BooleanType, "boolean").get(type);
    }
}
