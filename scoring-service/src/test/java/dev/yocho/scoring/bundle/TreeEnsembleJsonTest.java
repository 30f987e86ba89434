package dev.yocho.scoring.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yocho.features.bundle.Tree;
import dev.yocho.features.bundle.TreeEnsemble;
import dev.yocho.features.bundle.TreeEnsembleJson;
import dev.yocho.features.bundle.RandomEnsembles;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeEnsembleJsonTest {

  @Test
  void roundTripsBitForBit(@TempDir Path dir) {
    TreeEnsemble ensemble = RandomEnsembles.deep(71, 30, 5, 12, -3.0000000000000004);
    assertThat(TreeEnsembleJson.fromJson(TreeEnsembleJson.toJson(ensemble))).isEqualTo(ensemble);
    Path file = dir.resolve("trees.json");
    TreeEnsembleJson.write(ensemble, file);
    assertThat(TreeEnsembleJson.read(file)).isEqualTo(ensemble);
  }

  @Test
  void writesExactlyWhatTrainingWroteForTheGoldenFiles() throws IOException, URISyntaxException {
    // the golden JSON is Jackson's default serialisation of the records, written by model-training
    for (String name : new String[] {"gbm.json", "scorecard.json"}) {
      Path golden = Path.of(getClass().getResource("/golden/" + name).toURI());
      String text = Files.readString(golden, StandardCharsets.UTF_8);
      assertThat(TreeEnsembleJson.toJson(TreeEnsembleJson.fromJson(text))).isEqualTo(text);
    }
  }

  @Test
  void rejectsMalformedEnsemblesNamingTheField() {
    String tree =
        "{\"feature\":[0,-1,-1],\"threshold\":[0.5,0,0],\"left\":[1,-1,-1],\"right\":[2,-1,-1],"
            + "\"defaultLeft\":[true,false,false],\"value\":[0,1,2],\"cover\":[2,1,1]}";
    assertThat(
            TreeEnsembleJson.fromJson(
                    "{\"featureCount\":1,\"baseMargin\":0.5,\"trees\":[" + tree + "]}")
                .margin(new float[] {0.7f}))
        .isEqualTo(2.5);
    assertRejected("{\"featureCount\":1,\"baseMargin\":0.5,\"trees\":[" + tree + "],\"x\":1}",
        "unknown field 'x'");
    assertRejected("{\"featureCount\":1,\"trees\":[]}", "lacks field 'baseMargin'");
    assertRejected("{\"featureCount\":1.5,\"baseMargin\":0,\"trees\":[]}", "featureCount");
    assertRejected(
        "{\"featureCount\":1,\"baseMargin\":0,\"trees\":[" + tree.replace("[1,-1,-1]", "[1,-1]")
            + "]}",
        "trees[0].left has 2 entries");
    assertRejected(
        "{\"featureCount\":1,\"baseMargin\":0,\"trees\":[" + tree.replace("true", "1") + "]}",
        "trees[0].defaultLeft[0] is not a boolean");
    assertRejected(
        "{\"featureCount\":1,\"baseMargin\":0,\"trees\":[" + tree.replace("[2,-1,-1]", "[0,-1,-1]")
            + "]}",
        "trees[0]: node 0 has children");
    assertRejected(
        "{\"featureCount\":1,\"baseMargin\":0,\"trees\":[" + tree.replace("[0,-1,-1]", "[3,-1,-1]")
            + "]}",
        "splits on feature 3");
    assertRejected("{\"featureCount\":1,", "not valid JSON");
  }

  private static void assertRejected(String json, String message) {
    assertThatThrownBy(() -> TreeEnsembleJson.fromJson(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }
}
