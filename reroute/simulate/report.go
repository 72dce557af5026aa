package simulate

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"fulfil/reroute"
)

// WriteTable writes the policies side by side.
func WriteTable(w io.Writer, r *Result) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "policy\ton time %%\tlate stops\tunserved\tlateness min\tkm\tmoved stops\tnotices\tcalls\tp50 ms\tp99 ms\t\n")
	for _, p := range r.Policies {
		fmt.Fprintf(tw, "%s\t%.2f\t%d\t%d\t%.1f\t%.1f\t%d\t%d\t%d\t%.1f\t%.1f\t\n", p.Policy, p.OnTimePct, p.LateStops, p.Unserved,
			p.LatenessMin, p.Km, p.MovedStops, p.Notices, p.Calls, p.P50Ms, p.P99Ms)
	}
	return tw.Flush()
}

// WriteSVG draws the timeline: for each policy a band with a row per
// truck, its driving periods as bars and its stops as ticks (red when
// late), and the events as dashed lines.
func WriteSVG(w io.Writer, r *Result, events []reroute.Event, deadlineS float64) error {
	lo, hi := deadlineS, deadlineS
	for _, p := range r.Policies {
		for _, t := range p.Trucks {
			for _, s := range t.Spans {
				lo, hi = min(lo, s[0]), max(hi, s[1])
			}
		}
	}
	lo = float64(int(lo/3600)) * 3600
	hi = float64(int(hi/3600)+1) * 3600
	const left, width, row, gap = 60.0, 900.0, 12.0, 30.0
	x := func(t float64) float64 { return left + width*(t-lo)/(hi-lo) }
	rows := 0
	for _, p := range r.Policies {
		rows += len(p.Trucks)
	}
	height := 40 + float64(rows)*row + float64(len(r.Policies))*gap
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%.0f" height="%.0f" font-family="sans-serif" font-size="10">`+"\n", left+width+20, height)
	for h := lo; h <= hi; h += 3600 {
		fmt.Fprintf(&b, `<line x1="%.1f" y1="20" x2="%.1f" y2="%.0f" stroke="#ddd"/><text x="%.1f" y="14" text-anchor="middle">%s</text>`+"\n", x(h), x(h), height, x(h), reroute.FormatClock(h))
	}
	fmt.Fprintf(&b, `<line x1="%.1f" y1="20" x2="%.1f" y2="%.0f" stroke="#c00"/>`+"\n", x(deadlineS), x(deadlineS), height)
	for _, e := range events {
		fmt.Fprintf(&b, `<line x1="%.1f" y1="20" x2="%.1f" y2="%.0f" stroke="#888" stroke-dasharray="3,3"><title>%s</title></line>`+"\n", x(float64(e.AtS)), x(float64(e.AtS)), height, Describe(e))
	}
	y := 30.0
	for _, p := range r.Policies {
		fmt.Fprintf(&b, `<text x="4" y="%.1f" font-weight="bold">%s: %.1f%% on time, %.0f km</text>`+"\n", y+8, p.Policy, p.OnTimePct, p.Km)
		y += gap - row
		for _, t := range p.Trucks {
			fmt.Fprintf(&b, `<text x="4" y="%.1f">%s</text>`+"\n", y+9, t.Truck)
			for _, s := range t.Spans {
				fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.0f" fill="#9bd"/>`+"\n", x(s[0]), y+2, max(x(s[1])-x(s[0]), 0.5), row-4)
			}
			for _, s := range t.Stops {
				c := "#063"
				if s.Late {
					c = "#d00"
				}
				fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s"><title>%s %s</title></line>`+"\n", x(s.StartS), y+1, x(s.StartS), y+row-1, c, s.Stop, reroute.FormatClock(s.StartS))
			}
			y += row
		}
	}
	b.WriteString("</svg>\n")
	_, err := io.WriteString(w, b.String())
	return err
}
