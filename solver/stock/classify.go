package stock

import "math"

// Demand classification by the average inter-demand interval (ADI) and the
// squared coefficient of variation of non-zero demand sizes (CV²), with the
// cut-offs of Syntetos, Boylan & Croston (2005): ADI 1.32 and CV² 0.49.
// Smooth (ADI < 1.32, CV² < 0.49) and erratic (ADI < 1.32, CV² >= 0.49)
// series get exponential smoothing; intermittent (ADI >= 1.32, CV² < 0.49)
// get SBA and lumpy (both high) get TSB.

// DemandClass is the ADI/CV² class of a series.
type DemandClass string

const (
	ClassSmooth       DemandClass = "smooth"
	ClassErratic      DemandClass = "erratic"
	ClassIntermittent DemandClass = "intermittent"
	ClassLumpy        DemandClass = "lumpy"
	ClassNone         DemandClass = "no_demand"
)

const (
	adiCutoff = 1.32
	cv2Cutoff = 0.49
)

// Classification is the ADI/CV² class of a series.
type Classification struct {
	Class DemandClass `json:"class"`
	ADI   float64     `json:"adi"`
	CV2   float64     `json:"cv2"`
	// Nonzero counts the periods with demand.
	Nonzero int `json:"nonzero"`
	// Method is the forecasting method the class calls for.
	Method Method `json:"method"`
}

// classify computes ADI = periods / demand occurrences (so 1 means demand
// every period) and CV² of the non-zero sizes.
func classify(y []float64) Classification {
	n, s, s2 := 0, 0.0, 0.0
	for _, v := range y {
		if v > 0 {
			n++
			s += v
			s2 += v * v
		}
	}
	if n == 0 {
		return Classification{Class: ClassNone, Method: MethodSES} // ADI undefined: reported as 0
	}
	adi := float64(len(y)) / float64(n)
	mean := s / float64(n)
	v := s2/float64(n) - mean*mean
	cv2 := math.Max(0, v) / (mean * mean)
	c := Classification{ADI: adi, CV2: cv2, Nonzero: n}
	switch {
	case adi < adiCutoff && cv2 < cv2Cutoff:
		c.Class, c.Method = ClassSmooth, MethodSES
	case adi < adiCutoff:
		c.Class, c.Method = ClassErratic, MethodSES
	case cv2 < cv2Cutoff:
		c.Class, c.Method = ClassIntermittent, MethodSBA
	default:
		c.Class, c.Method = ClassLumpy, MethodTSB
	}
	return c
}

type classifyIn struct {
	Series []float64 `json:"series"`
}

func classifyDemand(in *classifyIn) (*Classification, error) {
	var c check
	checkSeries(&c, in.Series, 1)
	if err := c.err(); err != nil {
		return nil, err
	}
	r := classify(in.Series)
	return &r, nil
}
