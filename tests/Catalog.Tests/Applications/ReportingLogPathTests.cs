using Catalog.Applications;
using Catalog.Events;

namespace Catalog.Tests.Applications;

public sealed class ReportingLogPathTests
{
    [Theory]
    [InlineData("events.log")]
    [InlineData("editor/events.log")]
    public void Relative_files_inside_the_logs_folder_are_accepted(string path)
    {
        Assert.Null(ReportingLogPath.FindProblem(path));
        Assert.Equal(Path.Combine("/data/logs", path), ReportingLogPath.Confine("/data/logs", path));
    }

    [Theory]
    [InlineData("../../x.log")]
    [InlineData("a/../../x.log")]
    [InlineData("/etc/passwd")]
    [InlineData("./x.log")]
    [InlineData("a//x.log")]
    [InlineData("..")]
    [InlineData("C:\\x.log")]
    [InlineData("x\n.log")]
    public void Paths_leaving_the_logs_folder_are_refused_by_the_validator_and_the_writer(string path)
    {
        var app = new Application { Name = "Tool", Version = "1", Reporting = new ReportingPolicy { LogFilePath = path } };

        var error = Assert.Single(ApplicationValidator.Validate(app));

        Assert.Equal("Reporting.LogFilePath", error.Field);
        Assert.Null(ReportingLogPath.Confine("/data/logs", path));
    }
}
