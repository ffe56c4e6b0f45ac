// Starts Blazor (blazor.web.js is loaded with autostart="false") with a reconnection schedule that outlasts a portal
// restart: quick retries first (a restart takes seconds), then every 5 seconds, about 3 minutes in all. The dialog
// shown meanwhile is Components/Layout/ReconnectModal.razor (+ .razor.js), .NET 10's reconnection UI.
Blazor.start({
    circuit: {
        reconnectionOptions: {
            maxRetries: 120,
            retryIntervalMilliseconds: (previousAttempts) => previousAttempts < 30 ? 1000 : 5000,
        },
    },
});

// Idle pages. A page nobody uses gives up its circuit with .NET's circuit pause (Blazor.pauseCircuit: the circuit's
// state, e.g. the catalog's chosen machine and search, goes to the browser and the portal frees the circuit), and
// resumes it (Blazor.resumeCircuit) at the next sign of the user: the page reads its data again then, so what it shows
// is current. The limits come from the portal (Portal:IdlePause, on <body>: data-pause-hidden and data-pause-idle, in
// seconds; 0 = never): a hidden tab pauses after data-pause-hidden, a visible page without input after data-pause-idle.
// A page never pauses while it holds what a pause would lose: an open dialog or an element marked data-keep-live (an
// editor with unsaved changes). A visible page does not pause while it shows work under way (data-live-work: an install
// running, a request waiting for the helpdesk), which it keeps updating live. body[data-circuit] says where it is
// (live, pausing, paused, resuming); Layout/IdlePauseNotice.razor shows it.
(() => {
    const body = document.body;
    const inputEvents = ["pointermove", "pointerdown", "keydown", "wheel", "touchstart", "scroll"];
    // What would reach a circuit that is not there: held back until the page is live again (then the user acts again).
    const heldEvents = ["click", "dblclick", "submit", "input", "change", "keypress"];
    let state = "live";
    let lastInput = Date.now();
    let hiddenSince = document.visibilityState === "hidden" ? Date.now() : null;
    let resumeWanted = false;

    const limit = name => Math.max(0, Number(body.dataset[name] || 0)) * 1000;
    const setState = next => {
        state = next;
        body.dataset.circuit = next;
    };
    const hasCircuit = () => document.querySelector("[data-interactive='true']") !== null;
    const mustStayLive = () => document.querySelector("[data-keep-live], .mud-dialog-container") !== null;
    const showsLiveWork = () => document.querySelector("[data-live-work]") !== null;

    async function pause() {
        setState("pausing");
        resumeWanted = false;
        let paused = false;
        try {
            paused = await Blazor.pauseCircuit();
        } catch {
            // Not paused: handled below like a refusal.
        }

        if (!paused) {
            // Not paused (not connected, or the portal declined): the page stays live and waits another full period.
            setState("live");
            lastInput = Date.now();
            return;
        }

        setState("paused");
        if (resumeWanted) {
            await resume();
        }
    }

    async function resume() {
        if (state === "pausing") {
            resumeWanted = true;
            return;
        }

        if (state !== "paused") {
            return;
        }

        setState("resuming");
        let resumed;
        try {
            resumed = await Blazor.resumeCircuit();
        } catch {
            // The portal cannot be reached now: stay paused and try again at the next sign of the user.
            setState("paused");
            return;
        }

        if (resumed) {
            setState("live");
            lastInput = Date.now();
        } else {
            // The portal no longer has this page's state (it expired, or the portal was replaced): load the page again.
            location.reload();
        }
    }

    // resume() does nothing on a live page, and only notes the wish while a pause is under way.
    function userActed() {
        lastInput = Date.now();
        resume();
    }

    for (const name of inputEvents) {
        window.addEventListener(name, userActed, { capture: true, passive: true });
    }

    for (const name of heldEvents) {
        window.addEventListener(name, event => {
            if (state !== "live") {
                event.preventDefault();
                event.stopImmediatePropagation();
                userActed();
            }
        }, { capture: true });
    }

    window.addEventListener("focus", userActed);
    document.addEventListener("visibilitychange", () => {
        if (document.visibilityState === "visible") {
            hiddenSince = null;
            userActed();
        } else {
            hiddenSince = Date.now();
        }
    });

    setInterval(() => {
        if (state !== "live" || !hasCircuit() || mustStayLive()) {
            return;
        }

        const now = Date.now();
        if (document.visibilityState === "hidden") {
            const hidden = limit("pauseHidden");
            if (hidden > 0 && hiddenSince !== null && now - hiddenSince >= hidden) {
                pause();
            }
        } else {
            const idle = limit("pauseIdle");
            if (idle > 0 && now - lastInput >= idle && !showsLiveWork()) {
                pause();
            }
        }
    }, 1000);
})();
