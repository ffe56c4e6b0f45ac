namespace Benchmarks.Requests;

/// <summary>
/// The requests to send, decided before any is sent: for each kind a few warm-up requests then the measured ones,
/// spread over a sample of machines. Installs use distinct (machine, application) pairs of applications the machine
/// never had, so each one is accepted (a second install of the same pair would be refused with 409).
/// </summary>
internal sealed record RequestPlan(IReadOnlyList<string> Owners, IReadOnlyList<RequestKind> Kinds)
{
    private const int SampledMachines = 25;
    public static RequestPlan Create(FilledStore store, int requests, int warmUp, Random random)
    {
        var sample = store.Machines.OrderBy(_ => random.Next()).Take(SampledMachines).ToList();
        var total = requests + warmUp;
        var jobs = Enumerable.Range(0, total).Select(_ =>
        {
            var machine = sample[random.Next(sample.Count)];
            var job = machine.Jobs[random.Next(machine.Jobs.Count)];
            return new PlannedRequest(HttpMethod.Get, $"api/jobs/{job:D}", machine.OwnerEmail, null);
        }).ToList();
        var catalog = Enumerable.Range(0, total).Select(_ =>
        {
            var machine = sample[random.Next(sample.Count)];
            return new PlannedRequest(HttpMethod.Get, $"api/catalog?machineId={machine.Id:D}", machine.OwnerEmail, null);
        }).ToList();
        var pairs = sample.SelectMany(m => store.InstallableApplications.Select(a => (Machine: m, Application: a)))
            .OrderBy(_ => random.Next()).ToList();
        if (pairs.Count < total)
        {
            throw new ArgumentException(
                $"Only {pairs.Count} distinct machine/application pairs can be installed ({sample.Count} machines × {store.InstallableApplications.Count} applications); " +
                $"lower --requests or raise --apps.");
        }

        var installs = pairs.Take(total)
            .Select(p => new PlannedRequest(HttpMethod.Post, $"api/machines/{p.Machine.Id:D}/installs", p.Machine.OwnerEmail,
                new { applicationId = p.Application, answers = new Dictionary<string, string>() }))
            .ToList();
        return new RequestPlan(
            sample.Select(m => m.OwnerEmail).Distinct().ToList(),
            [
                new RequestKind("GET /api/jobs/{id}", warmUp, jobs),
                new RequestKind("GET /api/catalog?machineId=", warmUp, catalog),
                new RequestKind("POST /api/machines/{id}/installs", warmUp, installs),
            ]);
    }
}

/// <summary>One kind of request: its label in the output, how many leading requests only warm up, and all of them.</summary>
internal sealed record RequestKind(string Label, int WarmUp, IReadOnlyList<PlannedRequest> Requests);

/// <summary>One request as a machine's owner.</summary>
internal sealed record PlannedRequest(HttpMethod Method, string Path, string Owner, object? Body);
