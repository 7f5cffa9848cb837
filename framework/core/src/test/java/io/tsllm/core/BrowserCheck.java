package io.tsllm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens a page in headless Chromium (Debian's package; {@code .ci/run} installs it) and fails when an image does not
 * load or a script throws. A copy of the page with a small probe script is opened from the page's own folder, so
 * relative links resolve as for the original; Chromium prints the page's DOM after load, where the probe left its
 * findings. Without Chromium, the check is skipped with a notice, except under CI, where it fails.
 */
public final class BrowserCheck {

  private static final String PROBE = "<script>window.__errors=[];window.addEventListener('error',function(e){"
      + "window.__errors.push(e.message||('cannot load '+((e.target&&(e.target.alt||e.target.src))||'')"
      + ".slice(0,80)));},true);window.addEventListener('load',function(){var bad=[];"
      + "for(var i=0;i<document.images.length;i++){var m=document.images[i];"
      + "if(!(m.complete&&m.naturalWidth>0))bad.push(m.alt);}"
      + "document.documentElement.setAttribute('data-check',JSON.stringify({images:document.images.length,"
      + "broken:bad,errors:window.__errors}));});</script>";
  private static final Pattern FINDINGS = Pattern.compile("data-check=\"([^\"]*)\"");

  private BrowserCheck() {}

  /**
   * @param images how many images the page must show
   */
  public static void assertRendersCleanly(Path page, int images) throws Exception {
    Optional<Path> chromium = chromium();
    if (chromium.isEmpty()) {
      assertTrue(System.getenv("CI") == null, "CI must have Chromium to check " + page + " (.ci/run installs it)");
      System.out.println("notice: no Chromium here; " + page + " was not opened in a browser");
      return;
    }
    String html = Files.readString(page, StandardCharsets.UTF_8);
    assertTrue(html.contains("<head>"), page + " has a head");
    Path probe = page.resolveSibling(".browser-check-" + page.getFileName());
    Files.writeString(probe, html.replaceFirst("<head>", "<head>" + PROBE), StandardCharsets.UTF_8);
    Path profile = Files.createTempDirectory("chromium-profile");
    try {
      Process process = new ProcessBuilder(chromium.get().toString(), "--headless", "--no-sandbox", "--disable-gpu",
          "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
          "--disable-sync", "--user-data-dir=" + profile, "--virtual-time-budget=10000", "--dump-dom",
          probe.toUri().toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String dom = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(process.waitFor(120, TimeUnit.SECONDS), "Chromium did not finish with " + page);
      Matcher found = FINDINGS.matcher(dom);
      assertTrue(found.find(), "the page never finished loading in Chromium: " + page);
      JsonNode findings = Experiments.MAPPER.readTree(found.group(1).replace("&quot;", "\"").replace("&amp;", "&"));
      assertEquals(List.of(), Experiments.MAPPER.convertValue(findings.get("broken"), List.class),
          "images that did not load in " + page);
      assertEquals(List.of(), Experiments.MAPPER.convertValue(findings.get("errors"), List.class),
          "script errors in " + page);
      assertEquals(images, findings.get("images").asInt(), "images shown by " + page);
    } finally {
      Files.deleteIfExists(probe);
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static Optional<Path> chromium() {
    String configured = System.getenv("TSLLM_CHROMIUM");
    for (String candidate : configured != null ? List.of(configured)
        : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return Optional.of(Path.of(candidate));
      }
    }
    return Optional.empty();
  }
}
