package dev.yocho.training.onnx;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A minimal protocol-buffers wire-format encoder: varints, 32-bit floats, length-delimited strings,
 * bytes, nested messages and packed repeated scalars. Fields are written in the order of the calls,
 * so the same calls always give the same bytes.
 *
 * <p>Wire types follow the protobuf encoding specification: 0 varint, 2 length-delimited, 5 32-bit.
 * A proto2 {@code repeated float}/{@code repeated int64} may be written packed: parsers must accept
 * either form.
 */
final class ProtoWriter {
  private static final int VARINT = 0;
  private static final int LENGTH_DELIMITED = 2;
  private static final int FIXED32 = 5;

  private byte[] buffer = new byte[64];
  private int size;

  int size() {
    return size;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buffer, size);
  }

  /** An {@code int64}/{@code int32}/enum field (negative values take ten bytes, as in protobuf). */
  ProtoWriter int64(int field, long value) {
    tag(field, VARINT);
    varint(value);
    return this;
  }

  /** A {@code float} field. */
  ProtoWriter float32(int field, float value) {
    tag(field, FIXED32);
    fixed32(Float.floatToRawIntBits(value));
    return this;
  }

  /** A {@code string} (or UTF-8 {@code bytes}) field. */
  ProtoWriter string(int field, String value) {
    return bytes(field, value.getBytes(StandardCharsets.UTF_8));
  }

  ProtoWriter bytes(int field, byte[] value) {
    tag(field, LENGTH_DELIMITED);
    varint(value.length);
    append(value, 0, value.length);
    return this;
  }

  /** An embedded message field. */
  ProtoWriter message(int field, ProtoWriter message) {
    tag(field, LENGTH_DELIMITED);
    varint(message.size);
    append(message.buffer, 0, message.size);
    return this;
  }

  /** A packed {@code repeated int64} field. */
  ProtoWriter packedInt64(int field, long[] values) {
    ProtoWriter payload = new ProtoWriter();
    for (long v : values) {
      payload.varint(v);
    }
    tag(field, LENGTH_DELIMITED);
    varint(payload.size);
    append(payload.buffer, 0, payload.size);
    return this;
  }

  /** A packed {@code repeated float} field. */
  ProtoWriter packedFloat32(int field, float[] values) {
    tag(field, LENGTH_DELIMITED);
    varint(4L * values.length);
    for (float v : values) {
      fixed32(Float.floatToRawIntBits(v));
    }
    return this;
  }

  private void tag(int field, int wireType) {
    if (field <= 0 || field > 0x1FFFFFFF) {
      throw new IllegalArgumentException("protobuf field number out of range: " + field);
    }
    varint(((long) field << 3) | wireType);
  }

  private void varint(long value) {
    ensure(10);
    long v = value;
    while ((v & ~0x7FL) != 0) {
      buffer[size++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buffer[size++] = (byte) v;
  }

  private void fixed32(int bits) {
    ensure(4);
    buffer[size++] = (byte) bits;
    buffer[size++] = (byte) (bits >>> 8);
    buffer[size++] = (byte) (bits >>> 16);
    buffer[size++] = (byte) (bits >>> 24);
  }

  private void append(byte[] bytes, int offset, int length) {
    ensure(length);
    System.arraycopy(bytes, offset, buffer, size, length);
    size += length;
  }

  private void ensure(int extra) {
    int needed = size + extra;
    if (needed < 0) {
      throw new IllegalStateException("protobuf message larger than 2 GB");
    }
    if (needed > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(needed, buffer.length * 2));
    }
  }
}
