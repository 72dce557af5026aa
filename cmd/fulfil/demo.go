package main

import (
	"context"
	"fmt"

	"fulfil/datasets"
	"fulfil/nightly"
)

// runDemo plans the embedded festival scenario and writes its files.
func runDemo(ctx context.Context, e env) error {
	sc := datasets.DefaultScenario()
	opt := nightly.DefaultOptions()
	fs := newFlags(e, "demo", "[flags]")
	fs.Uint64Var(&sc.Seed, "scenario-seed", sc.Seed, "seed of the generated scenario")
	out := planFlags(fs, &opt, "fulfil-demo")
	args, err := parseInterspersed(fs, e.args)
	if err != nil {
		return err
	}
	if len(args) != 0 {
		return fmt.Errorf("%w: demo takes no arguments", errUsage)
	}
	in, err := datasets.Generate(sc)
	if err != nil {
		return fmt.Errorf("generating the scenario: %w", err)
	}
	fmt.Fprintf(e.stdout, "%s: %d orders, %d SKUs, %d pickup points, %d warehouses, %d trucks (generated, seed %d)\n\n",
		in.Name, len(in.Orders), len(in.SKUs), len(in.PickupPoints), len(in.Warehouses), len(in.Trucks), sc.Seed)
	return planAndWrite(ctx, e, in, opt, *out)
}
