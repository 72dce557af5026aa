package simulate

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"fulfil/geo"
	"fulfil/nightly"
	"fulfil/reroute"
)

// Names are the trucks and pickup points an events file may name.
func Names(in *nightly.Input) reroute.Names {
	var n reroute.Names
	for _, t := range in.Trucks {
		n.Trucks = append(n.Trucks, t.ID)
	}
	for _, p := range in.PickupPoints {
		n.PickupPoints = append(n.PickupPoints, p.ID)
	}
	return n
}

// DefaultEvents is the built-in day: a jam of factor 2 within 3 km of the
// city centre (the pickup points' centroid) from 07:30 to 09:00, a
// breakdown of T03 at 08:10, five new orders of 120 kg between 08:20 and
// 09:20 due by the deadline, and three cancellations at 09:00, 09:15 and
// 09:30 of pickup points planned late in the morning on other trucks. The
// points are chosen from the plan, the same for the same plan.
func DefaultEvents(in *nightly.Input, plan *nightly.Plan) []reroute.Event {
	var c geo.Point
	for _, p := range in.PickupPoints {
		c[0] += p.Location[0] / float64(len(in.PickupPoints))
		c[1] += p.Location[1] / float64(len(in.PickupPoints))
	}
	ev := []reroute.Event{
		{At: "07:30", Type: reroute.EventTraffic, Center: &c, RadiusM: 3000, Factor: 2, Until: "09:00"},
		{At: "08:10", Type: reroute.EventBreakdown, Truck: "T03"},
	}
	type late struct {
		pp string
		at float64
	}
	var lates []late
	var served []string
	for _, r := range plan.Routing.Output.Routes {
		for _, v := range r.Visits {
			pp, _, _ := strings.Cut(v.Stop, "@")
			served = append(served, pp)
			if r.Vehicle != "T03" && v.StartS > 9.75*3600 {
				lates = append(lates, late{pp, v.StartS})
			}
		}
	}
	slices.Sort(served)
	served = slices.Compact(served)
	slices.SortFunc(lates, func(a, b late) int { return cmp.Or(cmp.Compare(a.pp, b.pp), cmp.Compare(a.at, b.at)) })
	deadline := reroute.FormatClock(float64(in.DeadlineS))
	for k, at := range []string{"08:20", "08:35", "08:50", "09:05", "09:20"} {
		pp := served[(17+37*k)%len(served)]
		ev = append(ev, reroute.Event{At: at, Type: reroute.EventNewOrder, PickupPoint: pp, WeightKg: 120, VolumeM3: 0.4, Deadline: deadline})
	}
	var cancelled []string
	for _, l := range lates {
		if !slices.Contains(cancelled, l.pp) && len(cancelled) < 3 {
			cancelled = append(cancelled, l.pp)
		}
	}
	for k, pp := range cancelled {
		ev = append(ev, reroute.Event{At: []string{"09:00", "09:15", "09:30"}[k], Type: reroute.EventCancel, PickupPoint: pp})
	}
	slices.SortStableFunc(ev, func(a, b reroute.Event) int { return cmp.Compare(a.At, b.At) })
	for i := range ev {
		e := &ev[i]
		e.Line = i + 1
		e.AtS, _ = reroute.ParseClock(e.At)
		if e.Until != "" {
			e.UntilS, _ = reroute.ParseClock(e.Until)
		}
		if e.Deadline != "" {
			e.DeadlineS, _ = reroute.ParseClock(e.Deadline)
		}
	}
	return ev
}

// Describe writes an event as a short line.
func Describe(e reroute.Event) string {
	switch e.Type {
	case reroute.EventTraffic:
		return fmt.Sprintf("%s jam x%g within %.0f m of [%.4f, %.4f] until %s", e.At, e.Factor, e.RadiusM, e.Center[0], e.Center[1], e.Until)
	case reroute.EventBreakdown:
		return fmt.Sprintf("%s breakdown of %s", e.At, e.Truck)
	case reroute.EventNewOrder:
		return fmt.Sprintf("%s new order at %s, %g kg, due %s", e.At, e.PickupPoint, e.WeightKg, e.Deadline)
	default:
		return fmt.Sprintf("%s cancel %s", e.At, e.PickupPoint)
	}
}
