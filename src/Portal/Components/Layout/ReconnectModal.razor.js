// Drives the reconnect dialog of ReconnectModal.razor (the .NET 10 `dotnet new blazor` pattern).
const reconnectModal = document.getElementById("components-reconnect-modal");
reconnectModal.addEventListener("components-reconnect-state-changed", handleReconnectStateChanged);
document.getElementById("components-reconnect-button").addEventListener("click", retry);
document.getElementById("components-resume-button").addEventListener("click", resume);
document.getElementById("components-reload-button").addEventListener("click", () => location.reload());

function handleReconnectStateChanged(event) {
    // A page paused because nobody used it (js/portal.js, "Idle pages") says so in a small note of its own and resumes
    // at the next sign of the user: no dialog over the page for that.
    const idlePause = ["pausing", "paused", "resuming"].includes(document.body.dataset.circuit);
    if (idlePause && (event.detail.state === "show" || event.detail.state === "paused")) {
        return;
    }

    if (event.detail.state === "show") {
        reconnectModal.showModal();
    } else if (event.detail.state === "hide") {
        reconnectModal.close();
    } else if (event.detail.state === "failed") {
        document.addEventListener("visibilitychange", retryWhenDocumentBecomesVisible);
    } else if (event.detail.state === "rejected") {
        // The portal is back but no longer knows this circuit (it restarted): resume it from persisted state if the
        // portal kept it, else load the same address again so the user lands where they were.
        resume();
    }
}

async function retry() {
    document.removeEventListener("visibilitychange", retryWhenDocumentBecomesVisible);
    try {
        // true: reconnected; false: the portal answered but rejected the circuit; exception: not reachable.
        const successful = await Blazor.reconnect();
        if (!successful) {
            await resume();
        }
    } catch {
        document.addEventListener("visibilitychange", retryWhenDocumentBecomesVisible);
    }
}

async function resume() {
    try {
        const successful = await Blazor.resumeCircuit();
        if (successful) {
            reconnectModal.close();
        } else {
            location.reload();
        }
    } catch {
        location.reload();
    }
}

async function retryWhenDocumentBecomesVisible() {
    if (document.visibilityState === "visible") {
        await retry();
    }
}
