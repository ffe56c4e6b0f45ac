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
