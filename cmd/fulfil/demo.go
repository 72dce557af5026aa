package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"fulfil/datasets"
	"fulfil/geo"
	"fulfil/solver/vrp"
)

func runDemo(ctx context.Context, e env) error {
	sc := datasets.DefaultScenario()
	var (
		timeLimit time.Duration
		threads   int
		seed      uint64
		geojson   string
	)
	fs := newFlags(e, "demo", "[flags]")
	fs.Uint64Var(&sc.Seed, "scenario-seed", sc.Seed, "seed of the generated scenario")
	fs.Uint64Var(&seed, "seed", 1, "seed of the routing search")
	fs.DurationVar(&timeLimit, "time-limit", 10*time.Second, "time limit of the routing search")
	fs.IntVar(&threads, "threads", 0, "worker threads (0: all cores)")
	fs.StringVar(&geojson, "geojson", "demo-routes.geojson", "write the routes here as GeoJSON (empty: don't)")
	if err := parse(fs, e.args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return fmt.Errorf("%w: demo takes no arguments", errUsage)
	}
	s, err := datasets.Generate(sc)
	if err != nil {
		return fmt.Errorf("generating the scenario: %w", err)
	}
	in, err := s.VRPInput()
	if err != nil {
		return fmt.Errorf("building the routing problem: %w", err)
	}
	fmt.Fprintf(e.stdout, "%s: %d orders, %d SKUs, %d pickup points, %d warehouses, %d trucks; deliver by %s\n",
		s.Name, len(s.Orders), len(s.SKUs), len(in.Stops), len(s.Warehouses), len(s.Trucks), clock(float64(s.DeadlineS)))
	opt := vrp.DefaultOptions()
	opt.TimeLimit, opt.Seed, opt.Threads = timeLimit, seed, threads
	out, err := vrp.Solve(ctx, in, opt)
	if err != nil {
		return fmt.Errorf("routing: %w", err)
	}
	rep, err := vrp.Check(in, out)
	if err != nil {
		return fmt.Errorf("checking the routes: %w", err)
	}
	printRoutes(e.stdout, in, out)
	verdict := "feasible"
	if !rep.Feasible {
		verdict = fmt.Sprintf("INFEASIBLE: %s", rep.Violations[0])
	}
	fmt.Fprintf(e.stdout, "\ntotal %.1f km, %d trucks used, %d pickup points unassigned; checked %s; search %s, %d iterations in %.1f s (%s)\n",
		rep.DistanceM/1000, rep.VehiclesUsed, len(out.Unassigned), verdict,
		out.Search.Method, out.Stats.Iterations, out.Stats.RuntimeS, out.Stats.Stop)
	for _, u := range out.Unassigned {
		fmt.Fprintf(e.stdout, "  unassigned %s: %s\n", u.ID, u.Reason)
	}
	if geojson != "" {
		b, err := routesGeoJSON(in, out)
		if err != nil {
			return err
		}
		if err := writeFile(geojson, func(w io.Writer) error { _, err := w.Write(b); return err }); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "routes written to %s\n", geojson)
	}
	return nil
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
