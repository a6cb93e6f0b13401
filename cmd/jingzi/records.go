package main

import (
	"context"

	"jingzi"
)

// records joins the services whose records feed the preface counts (CountService)
// and the phase strip (ProgressSource).
type records struct {
	studies       jingzi.StudyService
	talks         jingzi.TalkService
	solicitations jingzi.SolicitationService
	opinions      jingzi.OpinionService
	statements    jingzi.StatementService
	meetings      jingzi.MeetingService
	reviews       jingzi.ReviewService
	minutes       jingzi.MinutesService // 会议记录: the 召开 phase and the 情况报告's deadline
	ledger        jingzi.LedgerService  // 整改台账: items, not yet 销号, red
}

var (
	_ jingzi.CountService   = (*records)(nil)
	_ jingzi.ProgressSource = (*records)(nil)
)

// StatementCounts computes the preface numbers of a statement: a participant's
// own attendance and 人次, or the team's totals; opinions and units are the
// meeting's. Counts with no record behind them are left out.
func (r *records) StatementCounts(ctx context.Context, s *jingzi.Statement) (jingzi.RecordCounts, error) {
	rc := jingzi.RecordCounts{}
	if s.ParticipantID == 0 {
		if n, err := r.studies.CountStudies(ctx, s.MeetingID); err != nil {
			return nil, err
		} else if n > 0 {
			rc[jingzi.CountStudies] = n
		}
		if n, err := r.talks.CountTalks(ctx, s.MeetingID); err != nil {
			return nil, err
		} else if n > 0 {
			rc[jingzi.CountTalks] = n
		}
	} else {
		attended, err := r.studies.CountAttendance(ctx, s.MeetingID)
		if err != nil {
			return nil, err
		}
		if n := attended[s.ParticipantID]; n > 0 {
			rc[jingzi.CountStudies] = n
		}
		talks, err := r.talks.CountTalksByParticipant(ctx, s.MeetingID)
		if err != nil {
			return nil, err
		}
		if n := talks[s.ParticipantID]; n > 0 {
			rc[jingzi.CountTalks] = n
		}
	}
	opinions, units, err := r.solicitations.CountOpinions(ctx, s.MeetingID)
	if err != nil {
		return nil, err
	}
	if opinions > 0 {
		rc[jingzi.CountOpinions] = opinions
	}
	if units > 0 {
		rc[jingzi.CountUnits] = units
	}
	return rc, nil
}

// MeetingProgress starts from the meeting's own numbers (plan, statements) and
// merges what each other noun knows.
func (r *records) MeetingProgress(ctx context.Context, meetingID int64) (jingzi.MeetingProgress, error) {
	var p jingzi.MeetingProgress
	for _, src := range []any{r.meetings, r.studies, r.talks, r.solicitations, r.opinions, r.reviews, r.minutes} {
		ps, ok := src.(jingzi.ProgressSource)
		if !ok {
			continue
		}
		o, err := ps.MeetingProgress(ctx, meetingID)
		if err != nil {
			return p, err
		}
		if src == any(r.meetings) {
			p = o
		} else {
			p.Merge(o)
		}
	}
	if err := r.mergeLedger(ctx, meetingID, &p); err != nil {
		return p, err
	}
	if p.Opinions == nil {
		o, err := r.opinionProgress(ctx, meetingID)
		if err != nil {
			return p, err
		}
		p.Opinions = o
	}
	return p, nil
}

// mergeLedger takes the 整改台账 counts (items, open, overdue) into p and
// keeps whether the 情况报告 was sent, which the minutes know.
func (r *records) mergeLedger(ctx context.Context, meetingID int64, p *jingzi.MeetingProgress) error {
	ps, ok := r.ledger.(jingzi.ProgressSource)
	if !ok {
		return nil
	}
	o, err := ps.MeetingProgress(ctx, meetingID)
	if err != nil || o.Rectifications == nil {
		return err
	}
	if p.Rectifications != nil {
		o.Rectifications.ReportSent = p.Rectifications.ReportSent
	}
	p.Rectifications = o.Rectifications
	return nil
}

// opinionProgress counts the 征求意见 from the solicitations.
func (r *records) opinionProgress(ctx context.Context, meetingID int64) (*jingzi.OpinionProgress, error) {
	opinions, units, err := r.solicitations.CountOpinions(ctx, meetingID)
	if err != nil {
		return nil, err
	}
	list, n, err := r.solicitations.FindSolicitations(ctx, jingzi.SolicitationFilter{MeetingID: &meetingID})
	if err != nil {
		return nil, err
	}
	p := &jingzi.OpinionProgress{Solicitations: n, Opinions: opinions, Units: units}
	for _, s := range list {
		p.Released = p.Released || s.Released
	}
	return p, nil
}
