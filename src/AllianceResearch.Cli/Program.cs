using AllianceResearch.Cli;

return AllianceCli.Run(args);
