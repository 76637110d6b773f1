namespace Samples;

/// <summary>The sample's picture, drawn with ScottPlot: the PINN against the exact solution at a few times.</summary>
internal static class Plots
{
    public static void PredictionVsTruth(Mlp net, HeatProblem problem, double[] times, string path)
    {
        var xs = Enumerable.Range(0, 101).Select(i => problem.L * i / 100).ToArray();
        var plot = new ScottPlot.Plot();
        var palette = new ScottPlot.Palettes.Category10();
        for (int k = 0; k < times.Length; k++)
        {
            double t = times[k];
            var color = palette.GetColor(k);
            var truth = plot.Add.ScatterLine(xs, xs.Select(x => problem.Exact(t, x)).ToArray());
            truth.Color = color;
            truth.LineWidth = 2;
            truth.LegendText = $"exact, t = {t:0.##}";
            // Every 5th point as markers so that both stay visible where they agree.
            var sparse = xs.Where((_, i) => i % 5 == 0).ToArray();
            var pinn = plot.Add.ScatterPoints(sparse, PinnTrainer.Profile(net, t, sparse));
            pinn.Color = color;
            pinn.MarkerSize = 6;
            pinn.LegendText = $"PINN, t = {t:0.##}";
        }
        plot.XLabel("x");
        plot.YLabel("u(t, x)");
        plot.Title($"PINN vs exact solution of du/dt = D·u_xx (D = {problem.D}), dirichlet 0, u(0, x) = sin(πx/L)");
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        plot.SavePng(path, 900, 550);
    }
}
