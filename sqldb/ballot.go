package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"jingzi"
)

// The anonymous path 匿名提交. Every method here drops the request's actor before
// it opens a transaction: a logged-in person who submits through the public page
// leaves no account, address or session behind. The one audit entry says only
// that a code was redeemed, in which solicitation.

// anonymous returns ctx without its actor.
func anonymous(ctx context.Context) context.Context { return jingzi.NewContextWithActor(ctx, nil) }

// OpenBallotByCode returns the form for a valid, unused code of an open solicitation.
func (s *SolicitationService) OpenBallotByCode(ctx context.Context, code string) (*jingzi.Ballot, error) {
	tx, err := s.db.beginRead(anonymous(ctx))
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	sol, m, unit, err := findCode(tx, code)
	if err != nil {
		return nil, err
	}
	return newBallot(sol, m, unit), nil
}

// OpenBallotByUnit returns the form of a unit link while its solicitation is open.
func (s *SolicitationService) OpenBallotByUnit(ctx context.Context, token string) (*jingzi.Ballot, error) {
	tx, err := s.db.beginRead(anonymous(ctx))
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	sol, m, unit, err := findUnitToken(tx, token)
	if err != nil {
		return nil, err
	}
	return newBallot(sol, m, unit), nil
}

// SubmitByCode redeems the code and stores the opinions, all or nothing, in the
// next group commit (batch.go); it returns once they are durable.
func (s *SolicitationService) SubmitByCode(ctx context.Context, code string, opinions []*jingzi.Opinion) error {
	return s.db.inBatch(ctx, func(tx *Tx) error { return redeemCode(tx, code, opinions) })
}

func redeemCode(tx *Tx, code string, opinions []*jingzi.Opinion) error {
	sol, m, unit, err := findCode(tx, code)
	if err != nil {
		return err
	}
	if err := checkSubmission(m, opinions); err != nil {
		return err
	}
	res, err := tx.exec(`UPDATE solicitation_codes SET used = ? WHERE hash = ? AND used = ?`, true, jingzi.HashCode(code), false)
	if err != nil {
		return fmt.Errorf("redeem code: %w", err)
	} else if n, _ := res.RowsAffected(); n != 1 {
		return errBadCode // redeemed in between
	}
	if err := insertOpinions(tx, sol.ID, jingzi.ChannelCode, unit, opinions); err != nil {
		return err
	}
	return appendAudit(tx, &jingzi.AuditEntry{ActorName: "匿名", Action: "opinion.code_redeemed",
		ObjectType: "solicitation", ObjectID: sol.ID, OrgID: m.OrgID, Detail: "一个匿名码已使用"})
}

// SubmitByUnit stores the opinions of one person of a unit and counts the
// submission, in the next group commit.
func (s *SolicitationService) SubmitByUnit(ctx context.Context, token string, opinions []*jingzi.Opinion) error {
	return s.db.inBatch(ctx, func(tx *Tx) error { return submitUnit(tx, token, opinions) })
}

func submitUnit(tx *Tx, token string, opinions []*jingzi.Opinion) error {
	sol, m, unit, err := findUnitToken(tx, token)
	if err != nil {
		return err
	}
	if err := checkSubmission(m, opinions); err != nil {
		return err
	}
	if _, err := tx.exec(`UPDATE unit_forms SET submissions = submissions + 1 WHERE token = ?`, token); err != nil {
		return fmt.Errorf("count unit submission: %w", err)
	}
	return insertOpinions(tx, sol.ID, jingzi.ChannelUnit, unit, opinions)
}

// findCode returns the solicitation, meeting and unit of a usable code; every
// refusal is errBadCode.
func findCode(tx *Tx, code string) (*jingzi.Solicitation, *jingzi.Meeting, string, error) {
	if jingzi.NormalizeCode(code) == "" {
		return nil, nil, "", errBadCode
	}
	var id int64
	var unit string
	var used bool
	err := tx.queryRow(`SELECT solicitation_id, unit, used FROM solicitation_codes WHERE hash = ?`, jingzi.HashCode(code)).Scan(&id, &unit, &used)
	if errors.Is(err, sql.ErrNoRows) || err == nil && used {
		return nil, nil, "", errBadCode
	} else if err != nil {
		return nil, nil, "", fmt.Errorf("find code: %w", err)
	}
	return openSolicitation(tx, id, unit)
}

func findUnitToken(tx *Tx, token string) (*jingzi.Solicitation, *jingzi.Meeting, string, error) {
	if len(token) != 32 {
		return nil, nil, "", errBadCode
	}
	var id int64
	var unit string
	err := tx.queryRow(`SELECT solicitation_id, unit FROM unit_forms WHERE token = ?`, token).Scan(&id, &unit)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, "", errBadCode
	} else if err != nil {
		return nil, nil, "", fmt.Errorf("find unit form: %w", err)
	}
	return openSolicitation(tx, id, unit)
}

// openSolicitation reads what the anonymous path needs — not the counts of codes
// and submissions, whose cost grows with every code issued.
func openSolicitation(tx *Tx, id int64, unit string) (*jingzi.Solicitation, *jingzi.Meeting, string, error) {
	sol := &jingzi.Solicitation{}
	err := tx.queryRow(`SELECT id, meeting_id, title, opens_on, closes_on, threshold, released, created_at
		FROM solicitations WHERE id = ?`, id).Scan(&sol.ID, &sol.MeetingID, &sol.Title, &sol.OpensOn, &sol.ClosesOn,
		&sol.Threshold, &sol.Released, &sol.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, "", errBadCode
	} else if err != nil {
		return nil, nil, "", fmt.Errorf("find solicitation: %w", err)
	}
	m, err := findMeetingByID(tx, sol.MeetingID)
	if err != nil {
		return nil, nil, "", err
	} else if !sol.OpenAt(tx.now) {
		return nil, nil, "", errBadCode
	}
	return sol, m, unit, nil
}

func newBallot(sol *jingzi.Solicitation, m *jingzi.Meeting, unit string) *jingzi.Ballot {
	b := &jingzi.Ballot{SolicitationID: sol.ID, Title: sol.Title, OrgName: m.OrgName, Unit: unit}
	for _, p := range m.Participants {
		b.Participants = append(b.Participants, jingzi.BallotTarget{ID: p.ID, Name: p.Name, Title: p.Title})
	}
	if m.Framework != nil {
		for _, a := range m.Framework.Aspects {
			label := a.Label
			if label == "" {
				label = a.Wording
			}
			b.Aspects = append(b.Aspects, label)
		}
	}
	return b
}

// checkSubmission validates what an anonymous person wrote against the meeting.
func checkSubmission(m *jingzi.Meeting, opinions []*jingzi.Opinion) error {
	if len(opinions) == 0 {
		return jingzi.Errorf(jingzi.EINVALID, "请至少填写一条意见建议。")
	} else if len(opinions) > jingzi.MaxOpinionsPerSubmission {
		return jingzi.Errorf(jingzi.EINVALID, "一次最多提交%d条意见建议。", jingzi.MaxOpinionsPerSubmission)
	}
	for _, o := range opinions {
		o.Status, o.MergedInto, o.Unit = jingzi.StatusOpen, "", ""
		if err := o.Validate(); err != nil {
			return err
		}
		if err := checkTarget(m, o.ParticipantID, o.AspectIndex); err != nil {
			return err
		}
	}
	return nil
}

// checkTarget refuses a participant outside the roster or an aspect outside the framework.
func checkTarget(m *jingzi.Meeting, participantID int64, aspect int) error {
	if participantID != 0 {
		found := false
		for _, p := range m.Participants {
			found = found || p.ID == participantID
		}
		if !found {
			return jingzi.Errorf(jingzi.EINVALID, "所选意见对象不在班子成员名单中。")
		}
	}
	if aspect < -1 || m.Framework == nil || aspect >= len(m.Framework.Aspects) {
		return jingzi.Errorf(jingzi.EINVALID, "所选检视方面不存在。")
	}
	return nil
}

// insertOpinions stores opinions with fresh random ids.
func insertOpinions(tx *Tx, solicitationID int64, ch jingzi.Channel, unit string, opinions []*jingzi.Opinion) error {
	for _, o := range opinions {
		o.SolicitationID, o.Channel, o.Unit = solicitationID, ch, unit
		if err := insertOpinion(tx, o); err != nil {
			return err
		}
	}
	return nil
}

func insertOpinion(tx *Tx, o *jingzi.Opinion) error {
	for {
		id, err := jingzi.NewOpinionID()
		if err != nil {
			return err
		}
		_, err = tx.exec(`INSERT INTO opinions (id, solicitation_id, channel, unit, participant_id, aspect_index, body, status, merged_into)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, id, o.SolicitationID, string(o.Channel), o.Unit, o.ParticipantID,
			o.AspectIndex, o.Text, string(o.Status), o.MergedInto)
		if isUniqueViolation(err) {
			continue
		} else if err != nil {
			return fmt.Errorf("insert opinion: %w", err)
		}
		o.ID = id
		return nil
	}
}
