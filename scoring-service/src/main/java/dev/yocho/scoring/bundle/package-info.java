/**
 * Reading and writing the parts of a model bundle that the service needs beside the ONNX file. For
 * now this is the JSON form of the {@link dev.yocho.features.bundle.TreeEnsemble} (tree structure
 * with node covers, which TreeSHAP needs and ONNX does not store); the codec may move into
 * {@code features.bundle} so that training writes it with the same code.
 */
package dev.yocho.scoring.bundle;
