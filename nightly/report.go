package nightly

import (
	"fmt"
	"html"
	"math"
	"strings"
)

// palette colours trucks on the map and the Gantt chart.
var palette = [...]string{"#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f", "#393b79", "#637939", "#8c6d31"}

// report renders report.html: one self-contained page (no scripts, fonts
// or images from the network) with the headline figures, the checks, an
// SVG map of the trips, a Gantt chart of waves and trips against the
// deadline, the shortages, the alerts and the trucks.
func (p *Plan) report() ([]byte, error) {
	var b strings.Builder
	e := html.EscapeString
	h := p.Headline
	fmt.Fprintf(&b, `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>%s: nightly plan for %s</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px;color:#222;max-width:1320px}
h1{font-size:22px;margin:0 0 4px} h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
.sub{color:#666;margin-bottom:16px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:10px}
.card{border:1px solid #ddd;border-radius:6px;padding:8px 10px;background:#fafafa}
.card b{display:block;font-size:20px} .card span{color:#666;font-size:12px}
.card.bad{border-color:#d62728;background:#fdecea}
table{border-collapse:collapse;font-size:13px;margin:6px 0} th,td{border:1px solid #ddd;padding:3px 7px;text-align:left}
th{background:#eef2f6} td.n{text-align:right;font-variant-numeric:tabular-nums}
.red{color:#b71c1c;font-weight:600} .orange{color:#e65100;font-weight:600} .yellow{color:#9a7d00;font-weight:600}
.ok{color:#2e7d32;font-weight:600}
.scroll{max-height:420px;overflow:auto;display:inline-block}
@media print{.scroll{max-height:none;overflow:visible}}
svg text{font-family:inherit}
</style></head><body>
`, e(p.Name), e(p.Date))
	fmt.Fprintf(&b, "<h1>%s: nightly plan for delivery on %s</h1>\n", e(p.Name), e(p.Date))
	fmt.Fprintf(&b, "<div class=\"sub\">every pickup point served by %s; planned in %.1f s</div>\n", clock(float64(p.DeadlineS)), p.Stats.RuntimeS)

	card := func(value, label string, bad bool) {
		cls := "card"
		if bad {
			cls += " bad"
		}
		fmt.Fprintf(&b, "<div class=\"%s\"><b>%s</b><span>%s</span></div>\n", cls, e(value), e(label))
	}
	b.WriteString("<div class=\"cards\">\n")
	card(fmt.Sprintf("%d", h.Orders), "orders", false)
	card(fmt.Sprintf("%d / %d", h.UnitsDelivered, h.UnitsAccepted), "units delivered / accepted", h.UnitsShort > 0)
	card(fmt.Sprintf("%d units", h.UnitsShort), fmt.Sprintf("short (CNY %.2f of goods)", h.ShortValueCNY), h.UnitsShort > 0)
	card(fmt.Sprintf("%d units", h.UnitsCancelled), "cancelled by group-buy rules", false)
	card(fmt.Sprintf("CNY %.2f", h.GoodsValueCNY), "goods value delivered", false)
	card(fmt.Sprintf("CNY %.2f", h.PurchaseCostCNY), fmt.Sprintf("purchase orders (%d lines)", h.Reorders), false)
	card(fmt.Sprintf("%d of %d", h.TrucksUsed, h.Trucks), fmt.Sprintf("trucks used, %d trips, %d stops", h.Trips, h.Stops), len(p.Routing.Unrouted) > 0)
	card(fmt.Sprintf("%.1f km", h.DistanceKm), fmt.Sprintf("driven, %.0f kg carried", h.WeightKg), false)
	card(clock(h.LastReturnS), "last truck back", false)
	card(fmt.Sprintf("%d", h.LateStops), "pickup points late", h.LateStops > 0)
	card(fmt.Sprintf("%d carts", h.Carts), fmt.Sprintf("%.1f picker-hours, %.1f km walked", h.PickHours, h.WalkKm), false)
	card(fmt.Sprintf("%d", h.LateWaves), "waves late for their truck", h.LateWaves > 0)
	b.WriteString("</div>\n")

	b.WriteString("<h2>Checks</h2>\n<table><tr><th>stage</th><th>check</th><th>finding</th></tr>\n")
	check := func(stage string, ok bool, finding string) {
		v := "<span class=\"ok\">passed</span>"
		if !ok {
			v = "<span class=\"red\">failed</span>"
		}
		fmt.Fprintf(&b, "<tr><td>%s</td><td>%s</td><td>%s</td></tr>\n", e(stage), v, e(finding))
	}
	notFormed, late := p.Rules.cancelledBy()
	check("group-buy rules", p.Rules.Check.Passed, fmt.Sprintf("%d of %d activities formed; %d units not formed, %d after the red line",
		len(p.Rules.Activities)-len(p.Rules.failedActivities()), len(p.Rules.Activities), notFormed, late))
	a := p.Allocation.Output
	check("allocation", p.Allocation.Check.Passed, fmt.Sprintf("%d deliveries, %d units short of stock, %d split SKU × pickup points, gap to bound %.2f %%",
		len(p.Allocation.Deliveries), a.UnmetUnits, len(a.Splits), 100*a.Gap))
	rc := p.Routing.Check
	check("routing", rc.Feasible, fmt.Sprintf("%d deliveries routed, %d without a truck; %.1f km; search %s, %d iterations, stopped by %s",
		len(p.Allocation.Deliveries)-len(p.Routing.Unrouted), len(p.Routing.Unrouted), rc.DistanceM/1000,
		p.Routing.Output.Search.Method, p.Routing.Output.Stats.Iterations, p.Routing.Output.Stats.Stop))
	for _, mt := range p.Routing.MultiTrip {
		check("routing "+mt.Warehouse+", several trips", mt.Check.Feasible, mt.finding())
	}
	for _, ww := range p.Waves {
		if ww.Check == nil {
			check("waves "+ww.Warehouse, true, "nothing to pick")
			continue
		}
		check("waves "+ww.Warehouse, len(ww.Check.Violations) == 0, fmt.Sprintf("%d waves, %d carts, %d units, %d pickers",
			ww.Check.Waves, ww.Check.Batches, ww.Check.Units, ww.Pickers))
	}
	check("replenishment", p.Replenishment.Check.Passed, fmt.Sprintf("%d policies, %d purchase lines", len(p.Replenishment.Results), len(p.Purchase)))
	b.WriteString("</table>\n")

	b.WriteString("<h2>Map of tonight's trips</h2>\n")
	p.mapSVG(&b)
	b.WriteString("<h2>Waves and trips against the deadline</h2>\n")
	p.ganttSVG(&b)

	fmt.Fprintf(&b, "<h2>Shortages (%d units)</h2>\n", h.UnitsShort)
	if len(p.Shortages) == 0 {
		b.WriteString("<p class=\"ok\">none: every accepted unit is on a truck</p>\n")
	} else {
		bySKU := map[string]int64{}
		var order []string
		for _, s := range p.Shortages {
			if _, ok := bySKU[s.SKU]; !ok {
				order = append(order, s.SKU)
			}
			bySKU[s.SKU] += s.Short
		}
		b.WriteString("<p>by SKU: ")
		for i, k := range order {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "<b>%s</b> %d %s", e(k), bySKU[k], e(p.unit(k)))
		}
		b.WriteString("</p>\n<div class=\"scroll\"><table><tr><th>sku</th><th>pickup point</th><th>short</th><th>reason</th></tr>\n")
		for _, s := range p.Shortages {
			fmt.Fprintf(&b, "<tr><td>%s</td><td>%s</td><td class=\"n\">%d</td><td>%s</td></tr>\n", e(s.SKU), e(s.PickupPoint), s.Short, e(s.Reason))
		}
		b.WriteString("</table></div>\n")
	}

	fmt.Fprintf(&b, "<h2>Alerts (%d)</h2>\n", len(p.Alerts))
	b.WriteString("<div class=\"scroll\"><table><tr><th>level</th><th>kind</th><th>subject</th><th>message</th></tr>\n")
	for _, al := range p.Alerts {
		fmt.Fprintf(&b, "<tr><td class=\"%s\">%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n", al.Level, al.Level, e(al.Kind), e(al.Subject), e(al.Message))
	}
	b.WriteString("</table></div>\n")

	b.WriteString("<h2>Trucks</h2>\n<table><tr><th>truck</th><th>trip</th><th>warehouse</th><th>stops</th><th>weight kg</th><th>volume m³</th><th>km</th><th>leaves</th><th>wave late</th><th>last stop done</th><th>back</th></tr>\n")
	for _, t := range p.Routing.Trips {
		last := t.Stops[len(t.Stops)-1]
		fmt.Fprintf(&b, "<tr><td>%s</td><td class=\"n\">%d</td><td>%s</td><td class=\"n\">%d</td><td class=\"n\">%.0f</td><td class=\"n\">%.2f</td><td class=\"n\">%.1f</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
			e(t.Truck), t.Trip, e(t.Warehouse), len(t.Stops), t.WeightKg, t.VolumeM3, t.DistanceM/1000, clock(t.DepartS+t.DelayS),
			lateText(t.DelayS), clock(last.DelayedFinishS), clock(t.DelayedReturnS))
	}
	b.WriteString("</table>\n")
	b.WriteString("<p class=\"sub\">Files beside this page: purchase.csv, picking.csv, delivery.csv, shortages.csv, replenishment.csv, alerts.csv, cancelled.csv, plan.xlsx (every list), plan.json (everything), routes.geojson.</p>\n")
	b.WriteString("</body></html>\n")
	return []byte(b.String()), nil
}

func lateText(s float64) string {
	if s <= 0 {
		return "on time"
	}
	return minutes(s)
}

// mapSVG draws warehouses, trips and pickup points, projected
// equirectangularly about the mean latitude.
func (p *Plan) mapSVG(b *strings.Builder) {
	const W, H, pad = 900.0, 620.0, 20.0
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	lat := 0.0
	for _, pp := range p.in.PickupPoints {
		lat += pp.Location[1]
	}
	lat /= float64(len(p.in.PickupPoints))
	k := math.Cos(lat * math.Pi / 180)
	grow := func(x, y float64) {
		minX, maxX = math.Min(minX, x), math.Max(maxX, x)
		minY, maxY = math.Min(minY, y), math.Max(maxY, y)
	}
	for _, pp := range p.in.PickupPoints {
		grow(pp.Location[0]*k, pp.Location[1])
	}
	for _, w := range p.in.Warehouses {
		grow(w.Location[0]*k, w.Location[1])
	}
	scale := math.Min((W-2*pad)/math.Max(maxX-minX, 1e-9), (H-2*pad)/math.Max(maxY-minY, 1e-9))
	xy := func(lng, lat float64) (float64, float64) {
		return pad + (lng*k-minX)*scale, H - pad - (lat-minY)*scale
	}
	fmt.Fprintf(b, "<svg width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" style=\"border:1px solid #ccc;background:#fcfcf8\">\n", W+220, H, W+220, H)
	// A scale bar of 5 km.
	km := 5.0
	bar := km / 111.32 * k * scale
	fmt.Fprintf(b, "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.1f\" y2=\"%.0f\" stroke=\"#333\" stroke-width=\"3\"/><text x=\"%.0f\" y=\"%.0f\" font-size=\"12\">%g km</text>\n",
		pad, H-8, pad+bar, H-8, pad+bar+6, H-4, km)
	loc := make(map[string][2]float64, len(p.in.PickupPoints))
	for _, pp := range p.in.PickupPoints {
		x, y := xy(pp.Location[0], pp.Location[1])
		loc[pp.ID] = [2]float64{x, y}
	}
	whAt := make(map[string][2]float64, len(p.in.Warehouses))
	for _, w := range p.in.Warehouses {
		x, y := xy(w.Location[0], w.Location[1])
		whAt[w.ID] = [2]float64{x, y}
	}
	colour := truckColours(p.Routing.Trips)
	for _, t := range p.Routing.Trips {
		c := colour[t.Truck]
		dash := "" // a later trip of a truck is dashed
		if t.Trip > 1 {
			dash = ` stroke-dasharray="5 3"`
		}
		var pts []string
		o := whAt[t.Warehouse]
		pts = append(pts, fmt.Sprintf("%.1f,%.1f", o[0], o[1]))
		for _, s := range t.Stops {
			q := loc[s.PickupPoint]
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", q[0], q[1]))
		}
		pts = append(pts, fmt.Sprintf("%.1f,%.1f", o[0], o[1]))
		fmt.Fprintf(b, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.6\" stroke-opacity=\"0.85\"%s/>\n", strings.Join(pts, " "), c, dash)
	}
	for _, t := range p.Routing.Trips {
		for _, s := range t.Stops {
			q := loc[s.PickupPoint]
			stroke := "#fff"
			if s.LateS > 0 {
				stroke = "#d62728"
			}
			fmt.Fprintf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.6\" fill=\"%s\" stroke=\"%s\" stroke-width=\"1\"><title>%s: %s stop %d, eta %s</title></circle>\n",
				q[0], q[1], colour[t.Truck], stroke, html.EscapeString(s.PickupPoint), html.EscapeString(t.Truck), s.Seq, clock(s.DelayedEtaS))
		}
	}
	for _, i := range p.Routing.Unrouted {
		q := loc[p.Allocation.Deliveries[i].PickupPoint]
		fmt.Fprintf(b, "<path d=\"M%.1f %.1fl8 8m0 -8l-8 8\" stroke=\"#d62728\" stroke-width=\"2.5\"/>\n", q[0]-4, q[1]-4)
	}
	for _, w := range p.in.Warehouses {
		q := whAt[w.ID]
		fmt.Fprintf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" height=\"14\" fill=\"#222\"/><text x=\"%.1f\" y=\"%.1f\" font-size=\"13\" font-weight=\"bold\">%s</text>\n",
			q[0]-7, q[1]-7, q[0]+10, q[1]-8, html.EscapeString(w.ID))
	}
	// Legend.
	y := 24.0
	fmt.Fprintf(b, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"13\" font-weight=\"bold\">trucks</text>\n", W+10, y)
	for _, t := range p.Routing.Trips {
		y += 18
		fmt.Fprintf(b, "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"%s\" stroke-width=\"4\"/><text x=\"%.0f\" y=\"%.0f\" font-size=\"12\">%s trip %d: %d stops, %.0f kg</text>\n",
			W+10, y-4, W+32, y-4, colour[t.Truck], W+38, y, html.EscapeString(t.Truck), t.Trip, len(t.Stops), t.WeightKg)
	}
	y += 26
	fmt.Fprintf(b, "<rect x=\"%.0f\" y=\"%.0f\" width=\"12\" height=\"12\" fill=\"#222\"/><text x=\"%.0f\" y=\"%.0f\" font-size=\"12\">warehouse</text>\n", W+10, y-10, W+30, y)
	y += 18
	fmt.Fprintf(b, "<circle cx=\"%.0f\" cy=\"%.0f\" r=\"4\" fill=\"#888\" stroke=\"#d62728\"/><text x=\"%.0f\" y=\"%.0f\" font-size=\"12\">late stop (red ring)</text>\n", W+16, y-4, W+30, y)
	y += 18
	fmt.Fprintf(b, "<path d=\"M%.0f %.0fl8 8m0 -8l-8 8\" stroke=\"#d62728\" stroke-width=\"2.5\"/><text x=\"%.0f\" y=\"%.0f\" font-size=\"12\">no truck (%d)</text>\n", W+12, y-10, W+30, y, len(p.Routing.Unrouted))
	b.WriteString("</svg>\n")
}

// ganttSVG draws one row per wave (picking, from its first cart to its
// last) and one per trip (leaving, each unloading, back), on a time axis
// with the deadline as a red line.
func (p *Plan) ganttSVG(b *strings.Builder) {
	type bar struct {
		from, to float64
		colour   string
		title    string
	}
	type row struct {
		label string
		bars  []bar
		ticks []float64 // unloading starts
		mark  float64   // a truck's planned departure on its wave row
	}
	var rows []row
	lo, hi := math.Inf(1), float64(p.DeadlineS)
	colour := truckColours(p.Routing.Trips)
	for _, ww := range p.Waves {
		for _, s := range ww.Schedule {
			c := colour[s.Truck]
			if s.LateS > 0 {
				c = "#d62728"
			}
			rows = append(rows, row{label: fmt.Sprintf("pick %s %s", ww.Warehouse, s.Wave), mark: s.DepartureS, bars: []bar{{s.StartS, s.FinishS, c,
				fmt.Sprintf("wave %s: %s to %s, %d carts; truck %s leaves on trip %d at %s", s.Wave, clock(s.StartS), clock(s.FinishS), s.Carts, s.Truck, s.Trip, clock(s.DepartureS))}}})
			lo, hi = math.Min(lo, s.StartS), math.Max(hi, s.FinishS)
		}
	}
	for _, t := range p.Routing.Trips {
		r := row{label: fmt.Sprintf("drive %s trip %d", t.Truck, t.Trip), mark: math.NaN()}
		start, end := t.DepartS+t.DelayS, t.DelayedReturnS
		r.bars = append(r.bars, bar{start, end, colour[t.Truck], fmt.Sprintf("%s trip %d: leaves %s, back %s, %d stops", t.Truck, t.Trip, clock(start), clock(end), len(t.Stops))})
		for _, s := range t.Stops {
			r.ticks = append(r.ticks, s.DelayedEtaS)
		}
		rows = append(rows, r)
		lo, hi = math.Min(lo, start), math.Max(hi, end)
	}
	if len(rows) == 0 {
		b.WriteString("<p>nothing scheduled</p>\n")
		return
	}
	lo = math.Floor(lo/3600) * 3600
	hi = math.Ceil(hi/3600) * 3600
	const left, width, rowH, top = 170.0, 1000.0, 20.0, 24.0
	H := top + rowH*float64(len(rows)) + 10
	x := func(s float64) float64 { return left + (s-lo)/(hi-lo)*width }
	fmt.Fprintf(b, "<svg width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" style=\"border:1px solid #ccc;background:#fff\">\n", left+width+20, H, left+width+20, H)
	for s := lo; s <= hi; s += 3600 {
		fmt.Fprintf(b, "<line x1=\"%.1f\" y1=\"%.0f\" x2=\"%.1f\" y2=\"%.0f\" stroke=\"#e4e4e4\"/><text x=\"%.1f\" y=\"14\" font-size=\"11\" text-anchor=\"middle\">%s</text>\n",
			x(s), top-4, x(s), H-6, x(s), clock(s))
	}
	for i, r := range rows {
		y := top + rowH*float64(i)
		fmt.Fprintf(b, "<text x=\"%.0f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s</text>\n", left-6, y+13, html.EscapeString(r.label))
		for _, br := range r.bars {
			fmt.Fprintf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.0f\" fill=\"%s\" fill-opacity=\"0.8\"><title>%s</title></rect>\n",
				x(br.from), y+3, math.Max(1, x(br.to)-x(br.from)), rowH-6, br.colour, html.EscapeString(br.title))
		}
		for _, t := range r.ticks {
			fmt.Fprintf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#000\" stroke-opacity=\"0.55\"/>\n", x(t), y+3, x(t), y+rowH-3)
		}
		if !math.IsNaN(r.mark) {
			fmt.Fprintf(b, "<path d=\"M%.1f %.1fl-4 -5h8z\" fill=\"#000\"><title>truck leaves %s</title></path>\n", x(r.mark), y+rowH-2, clock(r.mark))
		}
	}
	dl := x(float64(p.DeadlineS))
	fmt.Fprintf(b, "<line x1=\"%.1f\" y1=\"%.0f\" x2=\"%.1f\" y2=\"%.0f\" stroke=\"#d62728\" stroke-width=\"2\"/><text x=\"%.1f\" y=\"%.0f\" font-size=\"11\" fill=\"#d62728\" text-anchor=\"end\">deadline %s</text>\n",
		dl, top-4, dl, H-4, dl-4, H-8, clock(float64(p.DeadlineS)))
	b.WriteString("</svg>\n<p class=\"sub\">Bars: picking waves (red when they finish after their truck's departure, marked ▼) and truck trips; ticks: unloading at each pickup point.</p>\n")
}

// truckColours gives each truck a colour of the palette, in the order the
// trips first name it, so that all trips of a truck share one.
func truckColours(trips []Trip) map[string]string {
	colour := map[string]string{}
	for _, t := range trips {
		if _, ok := colour[t.Truck]; !ok {
			colour[t.Truck] = palette[len(colour)%len(palette)]
		}
	}
	return colour
}
