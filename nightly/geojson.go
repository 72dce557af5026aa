package nightly

import (
	"math"

	"fulfil/geo"
)

// geoJSON draws the trips: a line per truck and trip from its warehouse
// through its stops and back, a point per stop (truck, trip, seq, eta),
// the warehouses, and the pickup points no truck reaches.
func (p *Plan) geoJSON() ([]byte, error) {
	wh := make(map[string]geo.Point, len(p.in.Warehouses))
	var marks []geo.Mark
	for _, w := range p.in.Warehouses {
		wh[w.ID] = w.Location
		marks = append(marks, geo.Mark{At: w.Location, Properties: map[string]any{"kind": "warehouse", "id": w.ID, "name": w.Name}})
	}
	at := make(map[string]geo.Point, len(p.in.PickupPoints))
	for _, pp := range p.in.PickupPoints {
		at[pp.ID] = pp.Location
	}
	var lines []geo.Line
	for _, t := range p.Routing.Trips {
		path := []geo.Point{wh[t.Warehouse]}
		for _, s := range t.Stops {
			path = append(path, at[s.PickupPoint])
			marks = append(marks, geo.Mark{At: at[s.PickupPoint], Properties: map[string]any{
				"kind": "stop", "pickup_point": s.PickupPoint, "truck": t.Truck, "trip": t.Trip, "seq": s.Seq,
				"eta": clock(s.DelayedEtaS), "late_min": math.Ceil(s.LateS/60 - 1e-9),
			}})
		}
		path = append(path, wh[t.Warehouse])
		lines = append(lines, geo.Line{Path: path, Properties: map[string]any{
			"truck": t.Truck, "trip": t.Trip, "warehouse": t.Warehouse, "stops": len(t.Stops),
			"distance_km": math.Round(t.DistanceM/100) / 10, "weight_kg": math.Round(t.WeightKg), "volume_m3": round1000(t.VolumeM3),
			"departs": clock(t.DepartS + t.DelayS), "returns": clock(t.DelayedReturnS),
		}})
	}
	for _, i := range p.Routing.Unrouted {
		d := p.Allocation.Deliveries[i]
		marks = append(marks, geo.Mark{At: at[d.PickupPoint], Properties: map[string]any{
			"kind": "unrouted", "pickup_point": d.PickupPoint, "warehouse": d.Warehouse, "weight_kg": math.Round(d.WeightKg)}})
	}
	return geo.FeatureCollection(lines, marks)
}
