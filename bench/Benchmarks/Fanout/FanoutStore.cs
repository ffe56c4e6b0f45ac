using System.Globalization;
using System.Text.Json;
using Benchmarks.Requests;
using Catalog.Applications;
using Catalog.Serialization;
using Microsoft.Data.Sqlite;

namespace Benchmarks.Fanout;

/// <summary>
/// What the fan-out benchmark puts straight into the portal's SQLite store (between the portal's first start, which
/// created the schema and a template user through the API, and the measured start): the machine owners, cloned from
/// the template user so they sign in with its password through <c>POST /api/auth/login</c>, and the two applications
/// that are installed (their package is never downloaded: the simulated agents only acknowledge and complete). Machines
/// are not seeded: every agent enrolls through the API. Afterwards it reads the outcome back: each machine's jobs of an
/// application, so lost and duplicated jobs are counted from the store, not from what the agents believe.
/// </summary>
internal static class FanoutStore
{
    public static IReadOnlyList<Application> Seed(string databasePath, IReadOnlyList<string> ownerEmails, string templateEmail, DateTimeOffset now)
    {
        var applications = new FleetGenerator(7).Applications(2, now)
            .Select((a, i) => a with { Name = i == 0 ? "Fanout Editor" : "Storm Viewer" })
            .ToList();
        using var connection = Open(databasePath, SqliteOpenMode.ReadWrite);
        string templateId, hash;
        using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT id, password_hash FROM users WHERE normalized_email = $email";
            read.Parameters.AddWithValue("$email", templateEmail.ToUpperInvariant());
            using var reader = read.ExecuteReader();
            if (!reader.Read())
            {
                throw new InvalidOperationException($"The template user {templateEmail} is not in the store.");
            }

            (templateId, hash) = (reader.GetString(0), reader.GetString(1));
        }

        using var transaction = connection.BeginTransaction();
        foreach (var application in applications)
        {
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO applications (id, name, version, publisher, category, package_sha256, document, created_at, updated_at)
                VALUES ($id, $name, $version, $publisher, $category, $sha, $document, $created, $created)
                """;
            insert.Parameters.AddWithValue("$id", application.Id.ToString("D"));
            insert.Parameters.AddWithValue("$name", application.Name);
            insert.Parameters.AddWithValue("$version", application.Version);
            insert.Parameters.AddWithValue("$publisher", application.Publisher);
            insert.Parameters.AddWithValue("$category", application.Category);
            insert.Parameters.AddWithValue("$sha", application.Package!.Sha256);
            insert.Parameters.AddWithValue("$document", JsonSerializer.Serialize(application, CatalogJson.Options));
            insert.Parameters.AddWithValue("$created", Time(application.CreatedAt));
            insert.ExecuteNonQuery();
        }

        using var user = connection.CreateCommand();
        user.Transaction = transaction;
        user.CommandText = """
            INSERT INTO users (id, email, normalized_email, user_name, normalized_user_name, display_name, password_hash,
                               security_stamp, concurrency_stamp, email_confirmed, lockout_enabled, access_failed_count)
            VALUES ($id, $email, $normalized, $email, $normalized, $display, $hash, $stamp, $stamp, 1, 1, 0);
            INSERT INTO user_roles (user_id, role_id) SELECT $id, role_id FROM user_roles WHERE user_id = $template;
            """;
        foreach (var name in new[] { "$id", "$email", "$normalized", "$display", "$hash", "$stamp", "$template" })
        {
            user.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        user.Prepare();
        for (var i = 0; i < ownerEmails.Count; i++)
        {
            user.Parameters["$id"].Value = Guid.NewGuid().ToString("D");
            user.Parameters["$email"].Value = ownerEmails[i];
            user.Parameters["$normalized"].Value = ownerEmails[i].ToUpperInvariant();
            user.Parameters["$display"].Value = $"Owner {i}";
            user.Parameters["$hash"].Value = hash;
            user.Parameters["$stamp"].Value = Guid.NewGuid().ToString("N").ToUpperInvariant();
            user.Parameters["$template"].Value = templateId;
            user.ExecuteNonQuery();
        }

        transaction.Commit();
        return applications;
    }

    /// <summary>Each machine's jobs of the application, by state (read-only, while the portal runs: WAL allows it).</summary>
    public static IReadOnlyDictionary<Guid, IReadOnlyList<string>> JobStates(string databasePath, Guid applicationId)
    {
        using var connection = Open(databasePath, SqliteOpenMode.ReadOnly);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT machine_id, state FROM jobs WHERE application_id = $application";
        command.Parameters.AddWithValue("$application", applicationId.ToString("D"));
        var states = new Dictionary<Guid, List<string>>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var machine = Guid.Parse(reader.GetString(0));
            if (!states.TryGetValue(machine, out var list))
            {
                states[machine] = list = [];
            }

            list.Add(reader.GetString(1));
        }

        return states.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value);
    }

    private static SqliteConnection Open(string databasePath, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = mode,
            Pooling = false,
            DefaultTimeout = 60,
        }.ToString());
        connection.Open();
        return connection;
    }

    private static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}
