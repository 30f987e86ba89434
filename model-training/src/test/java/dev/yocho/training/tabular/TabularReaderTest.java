package dev.yocho.training.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yocho.cli.UsageException;
import dev.yocho.training.data.LabelledMatrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TabularReaderTest {
  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }

  @Test
  void readsArffWithQuestionMarksAsMissingAndANominalLabel() throws IOException {
    Path file = write("small.arff", """
        % a comment
        @relation 'test-relation'

        @attribute Attr1 numeric
        @attribute 'Attr 2' REAL
        @attribute class {0,1}

        @data
        0.5,-1.25e2,0
        ?,3,1
        2,?,'1'
        """);
    LabelledMatrix matrix = TabularReader.read(file, "class", "1");
    assertThat(matrix.featureNames()).containsExactly("Attr1", "Attr 2");
    assertThat(matrix.rows()[0]).containsExactly(0.5, -125.0);
    assertThat(matrix.rows()[1][0]).isNaN();
    assertThat(matrix.rows()[2][1]).isNaN();
    assertThat(matrix.labels()).containsExactly(false, true, true);
  }

  @Test
  void readsCsvWithEmptyCellsAsMissingAndTheLabelAnywhere() throws IOException {
    Path file = write("small.csv", """
        "Bankrupt?", ROA ,"Debt, ratio"
        1,0.1,
        0,,0.5
        0,0.3,0.7
        """);
    LabelledMatrix matrix = TabularReader.read(file, "Bankrupt?", "1.0");
    assertThat(matrix.featureNames()).containsExactly("ROA", "Debt, ratio");
    assertThat(matrix.rows()[0][1]).isNaN();
    assertThat(matrix.rows()[1][0]).isNaN();
    assertThat(matrix.rows()[2]).containsExactly(0.3, 0.7);
    assertThat(matrix.labels()).containsExactly(true, false, false);
  }

  @Test
  void namesEachKindOfBadInput() throws IOException {
    Path csv = write("bad.csv", "y,a\n1,2\n0,x7\n");
    assertThatThrownBy(() -> TabularReader.read(csv, "y", "1"))
        .isInstanceOf(UsageException.class)
        .hasMessage(csv + " line 3: column 'a' has the non-numeric value 'x7'");
    assertThatThrownBy(() -> TabularReader.read(csv, "label", "1"))
        .hasMessageStartingWith("no column 'label' in " + csv + " (columns: y, a)");
    Path three = write("three.csv", "y,a\n1,2\n0,3\n2,4\n");
    assertThatThrownBy(() -> TabularReader.read(three, "y", "1"))
        .hasMessageContaining("label 'y' of " + three + " must take exactly two values, found 3");
    Path one = write("one.csv", "y,a\n1,2\n1,3\n");
    assertThatThrownBy(() -> TabularReader.read(one, "y", "1"))
        .hasMessageContaining("found 1: 1");
    Path two = write("two.csv", "y,a\nA,2\nB,3\n");
    assertThatThrownBy(() -> TabularReader.read(two, "y", "C"))
        .hasMessage("positive value 'C' is not a value of label 'y' (values: A, B)");
    Path ragged = write("ragged.csv", "y,a\n1,2,3\n");
    assertThatThrownBy(() -> TabularReader.read(ragged, "y", "1"))
        .hasMessage(ragged + " line 2: 3 cells, expected 2");
    assertThatThrownBy(() -> TabularReader.read(dir.resolve("absent.arff"), "y", "1"))
        .hasMessage("no such file: " + dir.resolve("absent.arff"));
    Path text = write("data.txt", "y,a\n");
    assertThatThrownBy(() -> TabularReader.read(text, "y", "1"))
        .hasMessageContaining("expected .arff or .csv");
    Path nominal = write("nominal.arff",
        "@relation r\n@attribute colour {red,blue}\n@attribute class {0,1}\n@data\nred,1\n");
    assertThatThrownBy(() -> TabularReader.read(nominal, "class", "1"))
        .hasMessageContaining("column 'colour' of " + nominal + " has type nominal");
  }
}
