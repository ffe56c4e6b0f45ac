// Starts Blazor (blazor.web.js is loaded with autostart="false") and drives the reconnect banner.
// The 9.0 client we serve toggles components-reconnect-show / -hide / -failed / -rejected on the element with id
// components-reconnect-modal; it has no resumeCircuit/pauseCircuit (that is the .NET 10 client).
window.portal = {
    // Matches the width at which Radzen's sidebar collapses (see app.css).
    isNarrow: () => window.matchMedia('(max-width: 768px)').matches,
};

(() => {
    Blazor.start({
        circuit: {
            reconnectionOptions: {
                maxRetries: 120,
                // Quick retries first (a restart takes seconds), then every 5 seconds: about 3 minutes in all.
                retryIntervalMilliseconds: (previousAttempts) => previousAttempts < 30 ? 1000 : 5000,
            },
        },
    });

    const banner = document.getElementById('components-reconnect-modal');
    if (!banner) {
        return;
    }

    banner.addEventListener('click', (event) => {
        const action = event.target.closest('[data-reconnect-action]')?.dataset.reconnectAction;
        if (action === 'reload') {
            location.reload();
        } else if (action === 'retry') {
            Blazor.reconnect().then((reconnected) => { if (!reconnected) { location.reload(); } });
        }
    });

    // Rejected: the server is back but no longer knows this circuit (it restarted). Only a reload helps.
    new MutationObserver(() => {
        if (banner.classList.contains('components-reconnect-rejected')) {
            setTimeout(() => location.reload(), 500);
        }
    }).observe(banner, { attributes: true, attributeFilter: ['class'] });
})();
