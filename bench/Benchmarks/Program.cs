Console.WriteLine("usage: dotnet run -c Release --project bench/Benchmarks -- <benchmark>");
return 1;
