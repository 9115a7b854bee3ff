package dev.flow.maven;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import org.sonatype.plexus.build.incremental.BuildContext;

/** Writes through the build context, so that an IDE (m2e) sees new files and refreshes deleted ones. */
final class BuildContextSink implements OutputFiles.Sink {
  private final BuildContext context;

  BuildContextSink(BuildContext context) {
    this.context = context;
  }

  @Override
  public OutputStream open(Path file) throws IOException {
    return context.newFileOutputStream(file.toFile());
  }

  @Override
  public void deleted(Path path) {
    context.refresh(path.toFile());
  }
}
