package nightly

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// Summary writes the console summary of p: headline figures with units,
// each stage's check, the trucks and waves, every shortage by SKU, every
// alert, and where the files are (paths, from WriteDir; none: not
// written). Lists are never cut short: the full ones are in the files.
func Summary(w io.Writer, p *Plan, paths []string) {
	h := p.Headline
	fmt.Fprintf(w, "%s: delivery on %s, every pickup point by %s\n", p.Name, p.Date, clock(float64(p.DeadlineS)))
	fmt.Fprintf(w, "orders %d: %d units ordered, %d cancelled by group-buy rules, %d accepted, %d delivered, %d short (CNY %.2f of goods)\n",
		h.Orders, h.UnitsOrdered, h.UnitsCancelled, h.UnitsAccepted, h.UnitsDelivered, h.UnitsShort, h.ShortValueCNY)
	fmt.Fprintf(w, "goods value delivered CNY %.2f; purchase orders CNY %.2f in %d lines\n", h.GoodsValueCNY, h.PurchaseCostCNY, h.Reorders)
	fmt.Fprintf(w, "trucks %d of %d used, %d trips, %d stops, %.1f km, %.0f kg; last back %s; %d pickup points late\n",
		h.TrucksUsed, h.Trucks, h.Trips, h.Stops, h.DistanceKm, h.WeightKg, clock(h.LastReturnS), h.LateStops)
	fmt.Fprintf(w, "picking %d carts, %.1f picker-hours, %.1f km walked; %d waves late for their truck\n", h.Carts, h.PickHours, h.WalkKm, h.LateWaves)

	fmt.Fprintln(w, "\nChecks")
	notFormed, late := p.Rules.cancelledBy()
	fmt.Fprintf(w, "  rules          %s: %d of %d activities formed; %d units in activities not formed, %d after the red line\n",
		verdict(p.Rules.Check.Passed), len(p.Rules.Activities)-len(p.Rules.failedActivities()), len(p.Rules.Activities), notFormed, late)
	fmt.Fprintf(w, "  allocation     %s: %d deliveries, %d units short of stock\n", verdict(p.Allocation.Check.Passed), len(p.Allocation.Deliveries), p.Allocation.Output.UnmetUnits)
	o := p.Routing.Output
	fmt.Fprintf(w, "  routing        %s: %d deliveries routed, %d without a truck; search %s, %d iterations in %.1f s (%s)\n",
		verdict(p.Routing.Check.Feasible), len(p.Allocation.Deliveries)-len(p.Routing.Unrouted), len(p.Routing.Unrouted),
		o.Search.Method, o.Stats.Iterations, o.Stats.RuntimeS, o.Stats.Stop)
	for _, mt := range p.Routing.MultiTrip {
		fmt.Fprintf(w, "  routing %-6s %s: again with up to %d trips per truck, %s\n", mt.Warehouse, verdict(mt.Check.Feasible), mt.Input.Vehicles[0].MaxTrips, mt.finding())
	}
	for _, ww := range p.Waves {
		if ww.Check != nil {
			fmt.Fprintf(w, "  waves %-8s %s: %d waves, %d carts, %d units picked by %d pickers\n", ww.Warehouse, verdict(len(ww.Check.Violations) == 0),
				ww.Check.Waves, ww.Check.Batches, ww.Check.Units, ww.Pickers)
		}
	}
	fmt.Fprintf(w, "  replenishment  %s: %d policies, %d purchase lines\n", verdict(p.Replenishment.Check.Passed), len(p.Replenishment.Results), len(p.Purchase))

	fmt.Fprintln(w, "\nTrucks")
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "truck\ttrip\twarehouse\tstops\tweight kg\tvolume m3\tkm\tleaves\twave late\tlast stop done\tback\t")
	for _, t := range p.Routing.Trips {
		last := t.Stops[len(t.Stops)-1]
		fmt.Fprintf(tw, "%s\t%d\t%s\t%d\t%.0f\t%.2f\t%.1f\t%s\t%s\t%s\t%s\t\n", t.Truck, t.Trip, t.Warehouse, len(t.Stops), t.WeightKg, t.VolumeM3,
			t.DistanceM/1000, clock(t.DepartS+t.DelayS), lateText(t.DelayS), clock(last.DelayedFinishS), clock(t.DelayedReturnS))
	}
	tw.Flush()

	fmt.Fprintln(w, "\nWaves")
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "warehouse\twave\tcarts\tpick from\tpick to\ttruck leaves\tlate\t")
	for _, ww := range p.Waves {
		for _, s := range ww.Schedule {
			fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\t%s\t\n", ww.Warehouse, s.Wave, s.Carts, clock(s.StartS), clock(s.FinishS), clock(s.DepartureS), lateText(s.LateS))
		}
	}
	tw.Flush()

	if len(p.Shortages) == 0 {
		fmt.Fprintln(w, "\nShortages: none")
	} else {
		type tally struct {
			units  int64
			points int
		}
		by := map[string]*tally{}
		var order []string
		for _, s := range p.Shortages {
			t := by[s.SKU+" ("+s.Reason+")"]
			if t == nil {
				t = &tally{}
				by[s.SKU+" ("+s.Reason+")"] = t
				order = append(order, s.SKU+" ("+s.Reason+")")
			}
			t.units += s.Short
			t.points++
		}
		fmt.Fprintf(w, "\nShortages: %d units in %d SKU × pickup-point lines (shortages.csv lists each)\n", h.UnitsShort, len(p.Shortages))
		for _, k := range order {
			fmt.Fprintf(w, "  %s: %d units at %d pickup points\n", k, by[k].units, by[k].points)
		}
	}
	if f := p.Rules.failedActivities(); len(f) > 0 {
		fmt.Fprintf(w, "\nActivities not formed: %d (their %d units are in cancelled.csv)\n", len(f), notFormed)
	}
	fmt.Fprintf(w, "\nAlerts: %d\n", len(p.Alerts))
	for _, a := range p.Alerts {
		fmt.Fprintf(w, "  %-6s %-22s %s\n", a.Level, a.Kind, a.Message)
	}
	stages := make([]string, len(p.Timings))
	for i, t := range p.Timings {
		stages[i] = fmt.Sprintf("%s %.2f s", t.Stage, t.RuntimeS)
	}
	fmt.Fprintf(w, "\nPlanned in %.1f s: %s\n", p.Stats.RuntimeS, strings.Join(stages, ", "))
	if len(paths) > 0 {
		fmt.Fprintln(w, "\nFiles")
		for _, path := range paths {
			fmt.Fprintf(w, "  %s\n", path)
		}
	}
}

func verdict(ok bool) string {
	if ok {
		return "checked, passed"
	}
	return "CHECK FAILED"
}
