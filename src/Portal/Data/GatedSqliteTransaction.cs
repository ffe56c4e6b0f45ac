using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Portal.Data;

/// <summary>A SQLite transaction holding its file's <see cref="SqliteWriteGate"/> until it ends.</summary>
public sealed class GatedSqliteTransaction(GatedSqliteConnection connection, SqliteTransaction inner, IDisposable gate) : DbTransaction
{
    internal SqliteTransaction Inner => inner;

    public override IsolationLevel IsolationLevel => inner.IsolationLevel;

    protected override DbConnection DbConnection => connection;

    public override void Commit()
    {
        try
        {
            inner.Commit();
        }
        finally
        {
            gate.Dispose();
        }
    }

    public override void Rollback()
    {
        try
        {
            inner.Rollback();
        }
        finally
        {
            gate.Dispose();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            gate.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        gate.Dispose();
        await base.DisposeAsync();
    }
}
