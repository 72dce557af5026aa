package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"text/tabwriter"

	"fulfil/datasets"
	"fulfil/geo"
	"fulfil/nightly"
	"fulfil/solver/stock"
	"fulfil/solver/vrp"
)

func runDemo(ctx context.Context, e env) error {
	sc := datasets.DefaultScenario()
	opt := nightly.DefaultOptions()
	var geojson string
	fs := newFlags(e, "demo", "[flags]")
	fs.Uint64Var(&sc.Seed, "scenario-seed", sc.Seed, "seed of the generated scenario")
	fs.Uint64Var(&opt.Routing.Seed, "seed", opt.Routing.Seed, "seed of the routing search")
	timeLimit := opt.Routing.TimeLimit()
	fs.DurationVar(&timeLimit, "time-limit", timeLimit, "time limit of the routing search")
	fs.IntVar(&opt.Routing.Threads, "threads", 0, "worker threads (0: all cores)")
	fs.StringVar(&geojson, "geojson", "demo-routes.geojson", "write the routes here as GeoJSON (empty: don't)")
	if err := parse(fs, e.args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return fmt.Errorf("%w: demo takes no arguments", errUsage)
	}
	opt.Waves.Threads, opt.Alloc.Threads, opt.Stock.Threads = opt.Routing.Threads, opt.Routing.Threads, opt.Routing.Threads
	opt.Routing.TimeLimitS = timeLimit.Seconds()
	s, err := datasets.Generate(sc)
	if err != nil {
		return fmt.Errorf("generating the scenario: %w", err)
	}
	fmt.Fprintf(e.stdout, "%s: %d orders, %d SKUs, %d pickup points, %d warehouses, %d trucks; deliver by %s\n",
		s.Name, len(s.Orders), len(s.SKUs), len(s.PickupPoints), len(s.Warehouses), len(s.Trucks), clock(float64(s.DeadlineS)))
	p, err := nightly.Run(ctx, s, opt)
	if err != nil {
		return err
	}
	printAllocation(e.stdout, p)
	in, err := s.DeliveryInput(p.Deliveries)
	if err != nil {
		return err
	}
	rep, err := vrp.Check(in, p.Routing)
	if err != nil {
		return fmt.Errorf("checking the routes: %w", err)
	}
	fmt.Fprintln(e.stdout, "\nRouting")
	printRoutes(e.stdout, in, p.Routing)
	verdict := "feasible"
	if !rep.Feasible {
		verdict = fmt.Sprintf("INFEASIBLE: %s", rep.Violations[0])
	}
	out := p.Routing
	fmt.Fprintf(e.stdout, "total %.1f km, %d trucks used, %d deliveries unassigned; checked %s; search %s, %d iterations in %.1f s (%s)\n",
		rep.DistanceM/1000, rep.VehiclesUsed, len(out.Unassigned), verdict,
		out.Search.Method, out.Stats.Iterations, out.Stats.RuntimeS, out.Stats.Stop)
	for _, u := range out.Unassigned {
		fmt.Fprintf(e.stdout, "  unassigned %s: %s\n", u.ID, u.Reason)
	}
	printWaves(e.stdout, p)
	printReplenishment(e.stdout, p)
	if geojson != "" {
		b, err := routesGeoJSON(in, out)
		if err != nil {
			return err
		}
		if err := writeFile(geojson, func(w io.Writer) error { _, err := w.Write(b); return err }); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "\nroutes written to %s\n", geojson)
	}
	return nil
}

func printAllocation(w io.Writer, p *nightly.Plan) {
	a := p.Allocation
	var shipped int64
	for _, as := range a.Assignments {
		shipped += as.Units
	}
	fmt.Fprintf(w, "\nAllocation: %d units shipped in %d deliveries, %d short; %d SKU × pickup-point splits; cost %d (transport %d, non-home %d, short %d, splits %d), flow bound %d, gap %.2f %%\n",
		shipped, len(p.Deliveries), a.UnmetUnits, len(a.Splits), a.Cost, a.TransportCost, a.NonHomeCost, a.UnmetCost, a.SplitCost, a.Bound, 100*a.Gap)
}

func printWaves(w io.Writer, p *nightly.Plan) {
	fmt.Fprintln(w, "\nPicking waves")
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "warehouse\twaves\tcarts\tcart bound\twalk km\twalk bound km\tgap %\tpick hours\t")
	for _, ww := range p.Waves {
		if ww.Plan == nil {
			fmt.Fprintf(tw, "%s\t0\t\t\t\t\t\t\t\n", ww.Warehouse)
			continue
		}
		pl := ww.Plan
		gap := "-"
		if pl.Bound.DistanceM > 0 {
			gap = fmt.Sprintf("%.1f", 100*(pl.DistanceM-pl.Bound.DistanceM)/pl.Bound.DistanceM)
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%.1f\t%.1f\t%s\t%.1f\t\n", ww.Warehouse, len(pl.Waves), pl.Batches, pl.Bound.Carts,
			pl.DistanceM/1000, pl.Bound.DistanceM/1000, gap, pl.TimeS/3600)
	}
	tw.Flush()
}

func printReplenishment(w io.Writer, p *nightly.Plan) {
	levels := map[stock.StockLevel]int{}
	var orders, capped int
	for _, r := range p.Replenishment {
		levels[r.Level]++
		if r.OrderQuantity > 0 {
			orders++
		}
		if r.ShelfLifeCapped {
			capped++
		}
	}
	fmt.Fprintf(w, "\nReplenishment: %d SKU × warehouse policies; %d reorders suggested; %d capped by shelf life; water levels: %d stockout, %d below safety stock, %d below reorder point, %d ok\n",
		len(p.Replenishment), orders, capped, levels[stock.LevelStockout], levels[stock.LevelBelowSafetyStock], levels[stock.LevelBelowReorderPoint], levels[stock.LevelOK])
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "sku\twarehouse\tclass\tforecast/day\tsafety\treorder pt\torder-up-to\tposition\torder\tlevel\t")
	// Reorders capped by shelf life first: they are the ones to look at.
	rows := slices.Clone(p.Replenishment)
	slices.SortStableFunc(rows, func(a, b stock.RowResult) int {
		switch {
		case a.ShelfLifeCapped == b.ShelfLifeCapped:
			return 0
		case a.ShelfLifeCapped:
			return -1
		}
		return 1
	})
	shown := 0
	for _, r := range rows {
		if r.OrderQuantity <= 0 || shown == 8 {
			continue
		}
		shown++
		upTo := fmt.Sprintf("%.0f", r.OrderUpTo)
		if r.ShelfLifeCapped {
			upTo += fmt.Sprintf(" (shelf life; %.0f %% csl)", 100*r.CappedServiceLevel)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%.1f\t%.0f\t%.0f\t%s\t%.0f\t%.0f\t%s\t\n", r.SKU, r.Warehouse, r.Class, r.DemandMean,
			r.SafetyStock, r.ReorderPoint, upTo, r.InventoryPosition, r.OrderQuantity, r.Level)
	}
	tw.Flush()
	if orders > shown {
		fmt.Fprintf(w, "  … and %d more reorders\n", orders-shown)
	}
}

// printRoutes writes one line per truck: stops, load as a share of its
// capacity, kilometres, departure and return.
func printRoutes(w io.Writer, in *vrp.Input, out *vrp.Output) {
	capacity := make(map[string]vrp.Load, len(in.Vehicles))
	for _, v := range in.Vehicles {
		capacity[v.ID] = v.Capacity
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "truck\tstops\tweight kg\tweight %\tvolume m3\tvolume %\tkm\tleaves\treturns\t")
	for _, r := range out.Routes {
		if len(r.Visits) == 0 {
			continue
		}
		c := capacity[r.Vehicle]
		fmt.Fprintf(tw, "%s\t%d\t%.0f\t%s\t%.2f\t%s\t%.1f\t%s\t%s\t\n", r.Vehicle, len(r.Visits),
			r.Load.WeightKg, share(r.Load.WeightKg, c.WeightKg), r.Load.VolumeM3, share(r.Load.VolumeM3, c.VolumeM3),
			r.DistanceM/1000, clock(r.StartS), clock(r.EndS))
	}
	tw.Flush()
}

func share(x, of float64) string {
	if of <= 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f", 100*x/of)
}

// clock formats seconds after midnight as HH:MM.
func clock(s float64) string {
	m := int(s+30) / 60
	return fmt.Sprintf("%02d:%02d", m/60, m%60)
}

func routesGeoJSON(in *vrp.Input, out *vrp.Output) ([]byte, error) {
	at := make(map[string]geo.Point, len(in.Depots)+len(in.Stops))
	var marks []geo.Mark
	for _, d := range in.Depots {
		at[d.ID] = d.Location
		marks = append(marks, geo.Mark{At: d.Location, Properties: map[string]any{"kind": "warehouse", "id": d.ID}})
	}
	for _, s := range in.Stops {
		at[s.ID] = s.Location
		marks = append(marks, geo.Mark{At: s.Location, Properties: map[string]any{"kind": "pickup_point", "id": s.ID, "weight_kg": s.Demand.WeightKg}})
	}
	var lines []geo.Line
	for _, r := range out.Routes {
		if len(r.Visits) == 0 {
			continue
		}
		path := []geo.Point{at[r.StartDepot]}
		for _, v := range r.Visits {
			path = append(path, at[v.Stop])
		}
		if r.EndDepot != "" {
			path = append(path, at[r.EndDepot])
		}
		lines = append(lines, geo.Line{Path: path, Properties: map[string]any{
			"vehicle": r.Vehicle, "stops": len(r.Visits), "distance_m": r.DistanceM,
			"weight_kg": r.Load.WeightKg, "volume_m3": r.Load.VolumeM3, "leaves": clock(r.StartS), "returns": clock(r.EndS),
		}})
	}
	return geo.FeatureCollection(lines, marks)
}
