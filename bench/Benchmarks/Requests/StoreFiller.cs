using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Catalog.Machines;
using Catalog.Serialization;
using Microsoft.Data.Sqlite;

namespace Benchmarks.Requests;

/// <summary>
/// Fills a portal's SQLite store directly, after the portal created its schema (the SQL in the portal's migrations:
/// <c>applications</c>, <c>users</c>/<c>user_roles</c>, <c>machines</c>, <c>jobs</c>, <c>job_events</c>), in one
/// transaction with prepared commands. Encodings as the schema says: ids lower-case "D" text, times ISO-8601 UTC text,
/// documents as CatalogJson. Users are cloned from a template user the portal created through its API, so each
/// machine's owner can sign in with the same password.
/// </summary>
internal static class StoreFiller
{
    /// <summary>Jobs remembered per machine for <c>GET /api/jobs/{id}</c> (a sample is enough).</summary>
    private const int JobsKeptPerMachine = 4;

    public static FilledStore Fill(string databasePath, StoreSpec spec, string templateEmail, int seed)
    {
        var watch = Stopwatch.StartNew();
        var generator = new FleetGenerator(seed);
        var random = generator.Random;
        var now = DateTimeOffset.UtcNow;
        var applications = generator.Applications(spec.Applications, now);
        var machines = new List<FilledMachine>(spec.Machines);

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA foreign_keys = ON;";
            pragma.ExecuteNonQuery();
        }

        var template = ReadTemplateUser(connection, templateEmail);
        using var transaction = connection.BeginTransaction();

        var insertApplication = Prepare(connection, transaction, """
            INSERT INTO applications (id, name, version, publisher, category, package_sha256, document, created_at, updated_at)
            VALUES ($id, $name, $version, $publisher, $category, $sha, $document, $created, $created)
            """, "$id", "$name", "$version", "$publisher", "$category", "$sha", "$document", "$created");
        foreach (var application in applications)
        {
            Run(insertApplication, Id(application.Id), application.Name, application.Version, application.Publisher, application.Category,
                application.Package!.Sha256, JsonSerializer.Serialize(application, CatalogJson.Options), Time(application.CreatedAt));
        }

        var insertUser = Prepare(connection, transaction, """
            INSERT INTO users (id, email, normalized_email, user_name, normalized_user_name, display_name, password_hash,
                               security_stamp, concurrency_stamp, email_confirmed, lockout_enabled, access_failed_count)
            VALUES ($id, $email, $normalizedEmail, $email, $normalizedEmail, $display, $hash, $stamp, $stamp, 1, 1, 0)
            """, "$id", "$email", "$normalizedEmail", "$display", "$hash", "$stamp");
        var insertUserRole = Prepare(connection, transaction,
            "INSERT INTO user_roles (user_id, role_id) VALUES ($user, $role)", "$user", "$role");
        var insertMachine = Prepare(connection, transaction, """
            INSERT INTO machines (id, name, owner_user_id, credential_hash, enrolled_at, last_seen_at, address, revoked, inventory)
            VALUES ($id, $name, $owner, $credential, $enrolled, $seen, $address, 0, $inventory)
            """, "$id", "$name", "$owner", "$credential", "$enrolled", "$seen", "$address", "$inventory");
        var insertJob = Prepare(connection, transaction, """
            INSERT INTO jobs (id, machine_id, application_id, kind, state, phase, percent, message, answers, requested_by,
                              chain_id, chain_order, attempts, created_at, updated_at, delivered_at, completed_at)
            VALUES ($id, $machine, $application, $kind, $state, $phase, 100, $message, '{}', $requestedBy,
                    $id, 0, 1, $created, $completed, $delivered, $completed)
            """, "$id", "$machine", "$application", "$kind", "$state", "$phase", "$message", "$requestedBy", "$created", "$delivered", "$completed");
        var insertEvent = Prepare(connection, transaction,
            "INSERT INTO job_events (job_id, at, level, message) VALUES ($job, $at, $level, $message)", "$job", "$at", "$level", "$message");

        for (var m = 0; m < spec.Machines; m++)
        {
            var userId = Guid.NewGuid();
            var email = $"owner{m:D5}@bench.example";
            Run(insertUser, Id(userId), email, email.ToUpperInvariant(), $"Owner {m}", template.PasswordHash, Guid.NewGuid().ToString("N").ToUpperInvariant());
            foreach (var role in template.Roles)
            {
                Run(insertUserRole, Id(userId), role);
            }

            // The jobs of this machine: spec.Jobs spread evenly; installs of the first applications, most succeeded.
            var machineId = Guid.NewGuid();
            var jobCount = spec.Jobs / spec.Machines + (m < spec.Jobs % spec.Machines ? 1 : 0);
            var installed = new Dictionary<Guid, InstalledApplication>();
            var kept = new List<Guid>();
            var jobs = new List<(Guid Id, Guid Application, string State, DateTimeOffset Created)>();
            for (var j = 0; j < jobCount; j++)
            {
                var application = applications[random.Next(spec.InstalledApplications)];
                var roll = random.Next(100);
                var state = roll < 82 ? "Succeeded" : roll < 92 ? "Failed" : roll < 96 ? "RolledBack" : "Cancelled";
                var created = now.AddMinutes(-random.Next(1, 180 * 24 * 60));
                jobs.Add((Guid.NewGuid(), application.Id, state, created));
                if (state == "Succeeded")
                {
                    installed[application.Id] = new InstalledApplication(application.Id, application.Name, application.Version, created.AddMinutes(2));
                }
            }

            var name = $"pc-{m:D5}";
            var inventory = generator.Inventory(name, installed.Values.ToList(), now.AddMinutes(-random.Next(1, 600)));
            Run(insertMachine, Id(machineId), name, Id(userId), Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + m.ToString(CultureInfo.InvariantCulture),
                Time(now.AddDays(-random.Next(30, 400))), Time(inventory.ReportedAt),
                $"10.{m / 65536 % 256}.{m / 256 % 256}.{m % 256}", JsonSerializer.Serialize(inventory, CatalogJson.Options));

            foreach (var job in jobs)
            {
                var application = applications.First(a => a.Id == job.Application);
                var finished = job.Created.AddMinutes(2);
                var message = job.State switch
                {
                    "Succeeded" => $"Installed {application.Name} {application.Version}.",
                    "Failed" => "Could not download the package from any source.",
                    "RolledBack" => "The post-install script failed (exit code 1); every change was rolled back.",
                    _ => "Cancelled by the user before it started.",
                };
                Run(insertJob, Id(job.Id), Id(machineId), Id(job.Application), "Install", job.State,
                    job.State == "Cancelled" ? null : "Installing", message, Id(userId), Time(job.Created), Time(job.Created.AddSeconds(3)), Time(finished));
                Run(insertEvent, Id(job.Id), Time(job.Created.AddSeconds(5)), "Info", $"Downloading: Downloading the package of {application.Name} {application.Version}.");
                Run(insertEvent, Id(job.Id), Time(job.Created.AddSeconds(40)), "Info", $"Installing: Copying {random.Next(20, 900)} files.");
                Run(insertEvent, Id(job.Id), Time(finished), job.State == "Succeeded" ? "Info" : "Error", message);
                if (kept.Count < JobsKeptPerMachine)
                {
                    kept.Add(job.Id);
                }
            }

            machines.Add(new FilledMachine(machineId, email, kept));
        }

        transaction.Commit();
        connection.Close();
        SqliteConnection.ClearAllPools();
        return new FilledStore(
            machines,
            applications.Skip(spec.InstalledApplications).Select(a => a.Id).ToList(),
            watch.Elapsed,
            new FileInfo(databasePath).Length);
    }

    private static (string PasswordHash, IReadOnlyList<string> Roles) ReadTemplateUser(SqliteConnection connection, string email)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, password_hash FROM users WHERE normalized_email = $email";
        command.Parameters.AddWithValue("$email", email.ToUpperInvariant());
        string id, hash;
        using (var reader = command.ExecuteReader())
        {
            if (!reader.Read())
            {
                throw new InvalidOperationException($"The template user {email} is not in the store.");
            }

            (id, hash) = (reader.GetString(0), reader.GetString(1));
        }

        command.CommandText = "SELECT role_id FROM user_roles WHERE user_id = $id";
        command.Parameters.AddWithValue("$id", id);
        var roles = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                roles.Add(reader.GetString(0));
            }
        }

        return (hash, roles);
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = parameter });
        }

        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
    }

    private static string Id(Guid id) => id.ToString("D");

    private static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}
