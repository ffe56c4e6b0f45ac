using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace Portal.Data;

/// <summary>
/// A <see cref="SqliteConnection"/> whose transactions and writing statements pass the file's
/// <see cref="SqliteWriteGate"/> first: a transaction holds it from begin to commit, rollback or dispose; a writing
/// statement outside a transaction holds it while it runs. Disposing it gives its <see cref="SqliteConnectionLimit"/>
/// slot back. Everything else is the SQLite connection's own.
/// </summary>
public sealed class GatedSqliteConnection(SqliteConnection inner, SqliteWriteGate gate, SqliteConnectionLimit.Lease lease) : DbConnection
{
    internal SqliteConnection Inner => inner;

    internal SqliteWriteGate Gate => gate;

    [AllowNull]
    public override string ConnectionString
    {
        get => inner.ConnectionString;
        set => inner.ConnectionString = value;
    }

    public override string Database => inner.Database;

    public override string DataSource => inner.DataSource;

    public override string ServerVersion => inner.ServerVersion;

    public override ConnectionState State => inner.State;

    public override void ChangeDatabase(string databaseName) => inner.ChangeDatabase(databaseName);

    public override void Close() => inner.Close();

    public override void Open() => inner.Open();

    public override Task OpenAsync(CancellationToken cancellationToken) => inner.OpenAsync(cancellationToken);

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel)
    {
        var entered = gate.Enter();
        try
        {
            return new GatedSqliteTransaction(this, inner.BeginTransaction(isolationLevel), entered);
        }
        catch
        {
            entered.Dispose();
            throw;
        }
    }

    protected override async ValueTask<DbTransaction> BeginDbTransactionAsync(IsolationLevel isolationLevel, CancellationToken cancellationToken)
    {
        var entered = await gate.EnterAsync(cancellationToken);
        try
        {
            return new GatedSqliteTransaction(this, inner.BeginTransaction(isolationLevel), entered);
        }
        catch
        {
            entered.Dispose();
            throw;
        }
    }

    protected override DbCommand CreateDbCommand() => new GatedSqliteCommand(this, inner.CreateCommand());

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            lease.Release();
        }

        base.Dispose(disposing);
    }

    /// <summary>
    /// Not an async method on purpose: the slot's flow mark is cleared in the caller's flow, where
    /// <see cref="SqliteConnectionFactory.OpenAsync"/> set it. Returning a pooled SQLite connection completes
    /// synchronously.
    /// </summary>
    public override ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
