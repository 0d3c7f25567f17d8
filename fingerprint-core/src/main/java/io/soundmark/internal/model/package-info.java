/**
 * <b>Internal.</b> Model sources (file, URL with cache, preset, class path) and the DJL adapter
 * that runs TorchScript on PyTorch and ONNX on OnnxRuntime.
 */
package io.soundmark.internal.model;
