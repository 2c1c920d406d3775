// The host tests share one knowledge index on disk (ChatbotAppFactory.SharedIndexPath) and start
// real processes; running them one at a time keeps them independent of each other's timing.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
