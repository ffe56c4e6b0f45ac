using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace Portal.Data;

/// <summary>
/// A SQLite command on a <see cref="GatedSqliteConnection"/>: outside a transaction, a writing statement waits for the
/// file's <see cref="SqliteWriteGate"/> (asynchronously on the async paths) and holds it while it runs.
/// </summary>
public sealed class GatedSqliteCommand(GatedSqliteConnection connection, SqliteCommand inner) : DbCommand
{
    private GatedSqliteConnection? _connection = connection;
    private GatedSqliteTransaction? _transaction;

    [AllowNull]
    public override string CommandText
    {
        get => inner.CommandText;
        set => inner.CommandText = value;
    }

    public override int CommandTimeout
    {
        get => inner.CommandTimeout;
        set => inner.CommandTimeout = value;
    }

    public override CommandType CommandType
    {
        get => inner.CommandType;
        set => inner.CommandType = value;
    }

    public override bool DesignTimeVisible
    {
        get => inner.DesignTimeVisible;
        set => inner.DesignTimeVisible = value;
    }

    public override UpdateRowSource UpdatedRowSource
    {
        get => inner.UpdatedRowSource;
        set => inner.UpdatedRowSource = value;
    }

    protected override DbConnection? DbConnection
    {
        get => _connection;
        set
        {
            _connection = value as GatedSqliteConnection
                ?? (value is null ? null : throw new ArgumentException("A gated SQLite command runs on a gated SQLite connection.", nameof(value)));
            inner.Connection = _connection?.Inner;
        }
    }

    protected override DbParameterCollection DbParameterCollection => inner.Parameters;

    protected override DbTransaction? DbTransaction
    {
        get => _transaction;
        set
        {
            _transaction = value as GatedSqliteTransaction
                ?? (value is null ? null : throw new ArgumentException("A gated SQLite command takes a gated SQLite transaction.", nameof(value)));
            inner.Transaction = _transaction?.Inner;
        }
    }

    public override void Cancel() => inner.Cancel();

    public override void Prepare() => inner.Prepare();

    protected override DbParameter CreateDbParameter() => inner.CreateParameter();

    public override int ExecuteNonQuery()
    {
        using var entered = EnterIfWriting();
        return inner.ExecuteNonQuery();
    }

    public override async Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken)
    {
        using var entered = await EnterIfWritingAsync(cancellationToken);
        return await inner.ExecuteNonQueryAsync(cancellationToken);
    }

    public override object? ExecuteScalar()
    {
        using var entered = EnterIfWriting();
        return inner.ExecuteScalar();
    }

    public override async Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken)
    {
        using var entered = await EnterIfWritingAsync(cancellationToken);
        return await inner.ExecuteScalarAsync(cancellationToken);
    }

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
    {
        var entered = EnterIfWriting();
        try
        {
            return Hold(inner.ExecuteReader(behavior), entered);
        }
        catch
        {
            entered?.Dispose();
            throw;
        }
    }

    protected override async Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken)
    {
        var entered = await EnterIfWritingAsync(cancellationToken);
        try
        {
            return Hold(await inner.ExecuteReaderAsync(behavior, cancellationToken), entered);
        }
        catch
        {
            entered?.Dispose();
            throw;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>A writing statement's reader keeps the gate until it is disposed (the write ends with the statement).</summary>
    private static DbDataReader Hold(SqliteDataReader reader, IDisposable? entered) =>
        entered is null ? reader : new GatedSqliteDataReader(reader, entered);

    private IDisposable? EnterIfWriting() =>
        _transaction is null && _connection is not null && SqliteWriteGate.Writes(inner.CommandText) ? _connection.Gate.Enter() : null;

    private async ValueTask<IDisposable?> EnterIfWritingAsync(CancellationToken cancellationToken) =>
        _transaction is null && _connection is not null && SqliteWriteGate.Writes(inner.CommandText)
            ? await _connection.Gate.EnterAsync(cancellationToken)
            : null;
}
