namespace Catalog.Applications;

/// <summary>A problem with one field of an application, e.g. <c>Macros[1].Name</c>, in a plain-English sentence.</summary>
public sealed record ValidationError(string Field, string Message);
