// Draws the case's flowchart (the <pre class="mermaid"> of the page) with the Mermaid served from the jar.
mermaid.initialize({ startOnLoad: true, securityLevel: "strict" });
