using System.Buffers;
using System.IO.Pipelines;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;

namespace ClientAgent.Connection;

/// <summary>
/// A WebSocket seen as a duplex pipe: one loop copies received messages into the application's input, another sends
/// what the application writes as text messages. Either side ending closes the connection.
/// </summary>
internal sealed class WebSocketConnectionContext(WebSocket socket) : ConnectionContext
{
    private readonly Pipe _inbound = new(new PipeOptions(useSynchronizationContext: false));
    private readonly Pipe _outbound = new(new PipeOptions(useSynchronizationContext: false));
    private readonly CancellationTokenSource _aborted = new();
    private Task _running = Task.CompletedTask;

    public override string ConnectionId { get; set; } = Guid.NewGuid().ToString("N");

    public override IFeatureCollection Features { get; } = new FeatureCollection();

    public override IDictionary<object, object?> Items { get; set; } = new Dictionary<object, object?>();

    public override IDuplexPipe Transport { get; set; } = null!;

    public void Start()
    {
        Transport = new DuplexPipe(_inbound.Reader, _outbound.Writer);
        _running = Task.WhenAll(ReceiveAsync(), SendAsync());
    }

    private async Task ReceiveAsync()
    {
        Exception? error = null;
        try
        {
            while (!_aborted.IsCancellationRequested)
            {
                var memory = _inbound.Writer.GetMemory(4096);
                var result = await socket.ReceiveAsync(memory, _aborted.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                _inbound.Writer.Advance(result.Count);
                if (result.EndOfMessage)
                {
                    var flush = await _inbound.Writer.FlushAsync(_aborted.Token);
                    if (flush.IsCompleted)
                    {
                        break;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex) when (ex is WebSocketException or IOException)
        {
            error = ex;
        }
        finally
        {
            await _inbound.Writer.CompleteAsync(error);
            // The peer went away: stop the sender too.
            _outbound.Reader.CancelPendingRead();
        }
    }

    private async Task SendAsync()
    {
        try
        {
            while (true)
            {
                var result = await _outbound.Reader.ReadAsync();
                if (result.IsCanceled)
                {
                    break;
                }

                foreach (var segment in result.Buffer)
                {
                    await socket.SendAsync(segment, WebSocketMessageType.Text, endOfMessage: false, _aborted.Token);
                }

                if (!result.Buffer.IsEmpty)
                {
                    await socket.SendAsync(ReadOnlyMemory<byte>.Empty, WebSocketMessageType.Text, endOfMessage: true, _aborted.Token);
                }

                _outbound.Reader.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException)
        {
        }
        finally
        {
            await _outbound.Reader.CompleteAsync();
            await CloseSocketAsync();
            _aborted.Cancel();
        }
    }

    private async Task CloseSocketAsync()
    {
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", timeout.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException)
            {
            }
        }
    }

    public override void Abort(ConnectionAbortedException abortReason) => _aborted.Cancel();

    public override async ValueTask DisposeAsync()
    {
        await _outbound.Writer.CompleteAsync();
        _outbound.Reader.CancelPendingRead();
        _aborted.CancelAfter(TimeSpan.FromSeconds(2));
        await _running;
        socket.Dispose();
        _aborted.Dispose();
    }
}
