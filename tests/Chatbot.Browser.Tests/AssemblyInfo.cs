// Every test class joins BrowserCollection; one at a time keeps a two-core machine from timing the browser out.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
