package io.tsllm.core.report;

import io.tsllm.core.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/** Builds a self-contained HTML page: escaped text, tables, images inlined as data URIs, one inline style sheet. */
public final class Html {

  private static final String STYLE = """
      body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em auto;max-width:1180px;color:#222;
      padding:0 1em}h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid
      #ddd;padding-bottom:.2em}table{border-collapse:collapse;margin:.6em 0}td,th{border:1px solid #ddd;padding:.3em
      .7em;text-align:right}th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}.better{font-weight:
      bold;background:#e6f4e6}.muted{color:#777}.state-completed{color:#1a7f1a}.state-failed{color:#b00}
      .state-interrupted,.state-running{color:#b60}img{max-width:100%;border:1px solid #eee;margin:.5em 0}
      code{background:#f4f4f4;padding:0 .2em}""";

  private final StringBuilder page = new StringBuilder();

  public Html(String title) {
    page.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(escape(title))
        .append("</title><style>").append(STYLE.replace("\n", "")).append("</style></head><body>\n");
  }

  public static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  public Html heading(int level, String text) {
    page.append("<h").append(level).append('>').append(escape(text)).append("</h").append(level).append(">\n");
    return this;
  }

  public Html paragraph(String text, String cssClass) {
    page.append("<p").append(cssClass == null ? "" : " class=\"" + cssClass + "\"").append('>').append(escape(text))
        .append("</p>\n");
    return this;
  }

  /** Raw markup the caller built from escaped parts. */
  public Html raw(String markup) {
    page.append(markup);
    return this;
  }

  /** A table: the header row, then rows of cells already escaped (or built by {@link #cell}). */
  public Html table(List<String> header, List<List<String>> rows) {
    page.append("<table><tr>");
    header.forEach(h -> page.append("<th>").append(escape(h)).append("</th>"));
    page.append("</tr>\n");
    for (List<String> row : rows) {
      page.append("<tr>");
      row.forEach(page::append);
      page.append("</tr>\n");
    }
    page.append("</table>\n");
    return this;
  }

  public static String cell(String text) {
    return "<td>" + escape(text) + "</td>";
  }

  public static String cell(String text, String cssClass) {
    return cssClass == null ? cell(text) : "<td class=\"" + cssClass + "\">" + escape(text) + "</td>";
  }

  public static String link(String href, String text) {
    return "<a href=\"" + escape(href) + "\">" + escape(text) + "</a>";
  }

  /** The PNG inlined, so the page needs no other file and no network. */
  public Html image(Path png) {
    try {
      String data = Base64.getEncoder().encodeToString(Files.readAllBytes(png));
      page.append("<figure><img alt=\"").append(escape(png.getFileName().toString()))
          .append("\" src=\"data:image/png;base64,").append(data).append("\"><figcaption class=\"muted\">")
          .append(escape(png.getFileName().toString())).append("</figcaption></figure>\n");
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + png + " for the report", e);
    }
  }

  public String build() {
    return page + "</body></html>\n";
  }

  /** Writes the page to {@code file} atomically. */
  public Path write(Path file) {
    try {
      AtomicFiles.write(file, build().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    return file;
  }
}
