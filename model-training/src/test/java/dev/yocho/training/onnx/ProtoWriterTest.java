package dev.yocho.training.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProtoWriterTest {

  // Expected bytes from the protobuf encoding guide
  // (developers.google.com/protocol-buffers/docs/encoding):
  // field 1 = 150 is 08 96 01; field 2 = "testing" is 12 07 74 65 73 74 69 6e 67.
  @Test
  void encodesTheSpecificationExamples() {
    assertThat(new ProtoWriter().int64(1, 150).toByteArray()).containsExactly(0x08, 0x96, 0x01);
    assertThat(new ProtoWriter().string(2, "testing").toByteArray())
        .containsExactly(0x12, 0x07, 0x74, 0x65, 0x73, 0x74, 0x69, 0x6e, 0x67);
    // embedded message: field 3 holding {1: 150} is 1a 03 08 96 01
    assertThat(new ProtoWriter().message(3, new ProtoWriter().int64(1, 150)).toByteArray())
        .containsExactly(0x1a, 0x03, 0x08, 0x96, 0x01);
    // packed repeated: field 4 = [3, 270, 86942] is 22 06 03 8e 02 9e a7 05
    assertThat(new ProtoWriter().packedInt64(4, new long[] {3, 270, 86942}).toByteArray())
        .containsExactly(0x22, 0x06, 0x03, 0x8e, 0x02, 0x9e, 0xa7, 0x05);
  }

  @Test
  void encodesNegativeInt64InTenBytesAndFloatsLittleEndian() {
    byte[] minusOne = new ProtoWriter().int64(1, -1).toByteArray();
    assertThat(minusOne).hasSize(11);
    assertThat(minusOne[10]).isEqualTo((byte) 0x01);
    // 1.0f is 0x3f800000: tag (2 << 3 | 5) = 0x15, then little-endian bytes
    assertThat(new ProtoWriter().float32(2, 1.0f).toByteArray())
        .containsExactly(0x15, 0x00, 0x00, 0x80, 0x3f);
    assertThat(new ProtoWriter().packedFloat32(7, new float[] {1.0f, -2.0f}).toByteArray())
        .containsExactly(0x3a, 0x08, 0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x00, 0xc0);
  }

  @Test
  void encodesMultiByteTagsAndUtf8() {
    // field 20, varint: (20 << 3) = 160 = a0 01
    assertThat(new ProtoWriter().int64(20, 2).toByteArray()).containsExactly(0xa0, 0x01, 0x02);
    assertThat(new ProtoWriter().string(1, "予").toByteArray())
        .containsExactly(0x0a, 0x03, 0xe4, 0xba, 0x88);
    assertThatThrownBy(() -> new ProtoWriter().int64(0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0");
  }
}
