package io.tsllm.core.suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One metric of one experiment across its settings (XChart): each arm's mean over seeds with its standard
 * deviation as error bars, and the published value marked where the registry has one.
 */
final class SuitePlot {

  private SuitePlot() {}

  /**
   * @param arms arm name to its mean and standard deviation per setting (null where the arm has no result)
   * @param published the published value per setting (null where there is none); empty list for none at all
   */
  static void write(Path file, String title, String metric, List<String> settings, Map<String, double[][]> arms,
      List<Double> published, String publishedLabel) {
    CategoryChart chart = new CategoryChartBuilder().width(900).height(420).title(title).xAxisTitle("setting")
        .yAxisTitle(metric).build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setErrorBarsColor(java.awt.Color.DARK_GRAY);
    chart.getStyler().setYAxisDecimalPattern("0.####");
    chart.getStyler().setOverlapped(false);
    arms.forEach((arm, values) -> {
      List<Double> means = new ArrayList<>();
      List<Double> stds = new ArrayList<>();
      for (double[] value : values) {
        means.add(value == null ? null : value[0]);
        stds.add(value == null ? null : value[1]);
      }
      if (means.contains(null)) {
        // A setting the arm has no result for yet (a suite part-way through): XChart's error bars need a value at
        // every setting, so such an arm is drawn without them.
        chart.addSeries(arm, settings, means);
      } else {
        chart.addSeries(arm, settings, means, stds);
      }
    });
    if (published.stream().anyMatch(v -> v != null)) {
      CategorySeries series = chart.addSeries(publishedLabel, settings, published);
      series.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
      series.setMarker(SeriesMarkers.DIAMOND);
      series.setMarkerColor(java.awt.Color.BLACK);
    }
    try {
      BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the plot " + file, e);
    }
  }
}
