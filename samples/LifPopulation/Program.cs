
var pop = new LIFPopulation(10);
for (int i = 0; i < 10; i++) pop.I[i] = 1e-9 * (1 + i * 0.2);
int spikes = 0;
for (int s = 0; s < 10000; s++) { pop.Step(1e-4); spikes += pop.SpikeCount; }
Console.WriteLine($"spikes {spikes}");
