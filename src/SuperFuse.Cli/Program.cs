using SuperFuse.Cli;

return SuperFuseCli.Run(args, Console.Out, Console.Error);
