package dev.puerto.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the command line names becomes inputs, streamed, excluded or unreadable with a reason. */
class FileSourceTest {
  @TempDir Path work;

  @Test
  void stdin_is_copied_at_most_to_the_limit_and_one_byte_more() throws Exception {
    InputStream endless =
        new InputStream() {
          @Override
          public int read() {
            return 'x';
          }

          @Override
          public int read(byte[] buffer, int offset, int length) {
            Arrays.fill(buffer, offset, offset + length, (byte) 'x');
            return length;
          }
        };

    InboundMessage stdin = new FileSource(List.of(), 1000).expand(List.of("-"), endless).get(0);

    assertThat(stdin.size()).isEqualTo(1001);
    try (InputStream in = stdin.open()) {
      assertThat(in.readAllBytes()).hasSize(1001);
    }
    assertThat(stdin.origin().kind()).isEqualTo(Origin.Kind.STDIN);
  }

  @Test
  void excluded_globs_skip_files_by_name_and_directories_by_relative_path() throws Exception {
    Files.writeString(work.resolve("report.xml"), "<feedback/>");
    Files.writeString(work.resolve("manifest.tsv"), "id\tfile");
    Files.createDirectories(work.resolve("archive/2025"));
    Files.writeString(work.resolve("archive/2025/old.xml"), "<feedback/>");
    Files.writeString(work.resolve("notes.md"), "# notes");
    Files.writeString(work.resolve(".hidden.xml"), "<feedback/>");

    List<String> names =
        new FileSource(List.of("*.tsv", "archive/**"), 1 << 20)
            .expand(List.of(work.toString()), InputStream.nullInputStream()).stream()
                .map(InboundMessage::displayName)
                .toList();

    assertThat(names).containsExactly(work.resolve("report.xml").toString());
  }

  @Test
  void something_that_is_not_a_regular_file_is_an_input_that_says_why_it_cannot_be_read()
      throws Exception {
    Path fifo = work.resolve("pipe");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(mkfifo.waitFor()).isZero();

    InboundMessage input =
        new FileSource(List.of(), 1 << 20)
            .expand(List.of(fifo.toString()), InputStream.nullInputStream())
            .get(0);

    assertThatThrownBy(input::open)
        .isInstanceOf(IOException.class)
        .hasMessage("not a regular file (a device, pipe or socket)");
  }

  @Test
  void a_missing_argument_is_an_error_of_the_command_line() {
    assertThatThrownBy(
            () ->
                new FileSource(List.of(), 1 << 20)
                    .expand(
                        List.of(work.resolve("nothing").toString()), InputStream.nullInputStream()))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void read_failures_are_told_in_words_not_as_a_bare_path() {
    assertThat(InboundMessage.describe(new AccessDeniedException("/srv/x.xml")))
        .isEqualTo("permission denied");
    assertThat(InboundMessage.describe(new NoSuchFileException("/srv/x.xml")))
        .isEqualTo("no such file (it was moved or deleted)");
    assertThat(InboundMessage.describe(new IOException("Is a directory")))
        .isEqualTo("Is a directory");
  }
}
