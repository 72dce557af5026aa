package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"
)

// env is what a subcommand may touch: its arguments and the three streams.
type env struct {
	args   []string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// command is one subcommand of fulfil.
type command struct {
	Name  string
	Usage string // the argument synopsis after the name
	Short string
	Run   func(ctx context.Context, e env) error
}

// commands is the subcommand table, in the order help lists it.
func commands() []command {
	return []command{
		{"solve", "[flags] FILE", "solve one instance file (CVRPLIB, Solomon, Li & Lim, the service's routing JSON, picker routing, GAP) and print the solution as JSON", runSolve},
		{"bench", "--set DIR [flags]", "solve every instance of a benchmark set and report gaps to best-known values", runBench},
		{"vroom", "[flags] FILE", "answer a problem in VROOM's JSON API (jobs, vehicles, matrices; steps for plan mode) in VROOM's output format", runVroom},
		{"reroute", "FILE", "re-route a day in progress (the body of POST /v1/reroute): new plan, ETA changes, notices, breakdown rescue", runReroute},
		{"simulate", "[flags]", "replay the festival's delivery day with events under three policies (none, reroute, resolve) and compare them", runSimulate},
		{"plan", "[flags] INPUT.json", "plan one night (rules, allocation, routing, waves, replenishment) and write the task sheets and report", runPlan},
		{"demo", "[flags]", "plan the embedded Dragon Boat festival night and write its files (default ./fulfil-demo)", runDemo},
		{"stock", "eval", "evaluate inventory functions: JSON lines on stdin, one result per line on stdout", runStock},
		{"serve", "[flags]", "serve every solver over HTTP (routing, waves, allocation, transfers, stock, durable async jobs)", runServe},
		{"worker", "--nats URL [flags]", "run durable jobs from a shared NATS JetStream queue (with serve --nats or --nats-listen)", runWorker},
		{"load", "--url URL --body FILE [flags]", "load a running server with one request and report throughput and latency percentiles", runLoad},
	}
}

// errUsage marks an error in how fulfil was called; it exits with 2.
var errUsage = errors.New("usage")

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		printHelp(stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands() {
		if c.Name != args[0] {
			continue
		}
		err := c.Run(ctx, env{args: args[1:], stdin: stdin, stdout: stdout, stderr: stderr})
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.Is(err, errUsage):
			fmt.Fprintf(stderr, "fulfil %s: %v\nusage: fulfil %s %s\n", c.Name, err, c.Name, c.Usage)
			return 2
		default:
			fmt.Fprintf(stderr, "fulfil %s: %v\n", c.Name, err)
			return 1
		}
	}
	fmt.Fprintf(stderr, "fulfil: unknown command %q\n", args[0])
	printHelp(stderr)
	return 2
}

func printHelp(w io.Writer) {
	fmt.Fprintln(w, "fulfil: optimization and routing for community group-buying fulfilment")
	fmt.Fprintln(w, "\nusage: fulfil COMMAND [flags] [args]\n\ncommands:")
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, c := range commands() {
		fmt.Fprintf(tw, "  %s %s\t%s\n", c.Name, c.Usage, c.Short)
	}
	tw.Flush()
	fmt.Fprintln(w, "\nrun 'fulfil COMMAND -h' for a command's flags")
}

// newFlags returns a flag set that reports errors instead of exiting.
func newFlags(e env, name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "usage: fulfil %s %s\n", name, usage)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses args into fs and wraps a bad flag as a usage error.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	return nil
}
