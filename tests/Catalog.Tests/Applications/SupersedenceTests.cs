using Catalog.Applications;
using Catalog.Machines;

namespace Catalog.Tests.Applications;

public sealed class SupersedenceTests
{
    private static readonly Application Notes = new() { Name = "Notes", Version = "1.0" };
    private static readonly Application Jotter = new() { Name = "Jotter", Version = "3.0", Supersedes = Notes.Id };

    private static Inventory With(params Application[] installed) => new()
    {
        Applications = [.. installed.Select(a => new InstalledApplication(a.Id, a.Name, a.Version, DateTimeOffset.UnixEpoch))],
    };

    [Fact]
    public void A_machine_with_the_replaced_application_is_offered_the_new_one()
    {
        var replaced = Supersedence.ReplacedOn(Jotter, With(Notes));

        Assert.NotNull(replaced);
        Assert.Equal(Notes.Id, replaced.ApplicationId);
    }

    [Fact]
    public void Nothing_is_replaced_without_the_old_application_or_once_the_new_one_is_installed()
    {
        Assert.Null(Supersedence.ReplacedOn(Jotter, With()));
        Assert.Null(Supersedence.ReplacedOn(Jotter, With(Notes, Jotter)));
        Assert.Null(Supersedence.ReplacedOn(Notes, With(Notes)));
    }

    [Fact]
    public void Replacing_itself_a_missing_application_or_in_a_circle_is_refused()
    {
        var self = Jotter with { Supersedes = Jotter.Id };
        var missing = Jotter with { Supersedes = Guid.NewGuid() };
        var circular = Notes with { Supersedes = Jotter.Id };

        Assert.Equal("An application cannot replace itself; choose the application it replaces.", Supersedence.Problem(self, [self]));
        Assert.Contains("is not in the catalog", Supersedence.Problem(missing, [missing, Notes]), StringComparison.Ordinal);
        Assert.Equal("Jotter cannot replace Notes: Notes already (directly or indirectly) replaces Jotter.",
            Supersedence.Problem(Jotter, [Jotter, circular]));
        Assert.Null(Supersedence.Problem(Jotter, [Jotter, Notes]));
    }

    [Fact]
    public void The_validator_refuses_an_application_that_replaces_itself()
    {
        var self = Jotter with { Supersedes = Jotter.Id };

        var errors = ApplicationValidator.Validate(self);

        Assert.Contains(errors, e => e.Field == "Supersedes");
    }
}
