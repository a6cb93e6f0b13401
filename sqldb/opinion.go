package sqldb

import (
	"context"
	"fmt"
	"strings"

	"jingzi"
)

// OpinionService implements jingzi.OpinionService: the organiser's manual entry
// and triage, and what participants read after release.
type OpinionService struct{ db *DB }

// NewOpinionService returns the 意见建议 service.
func NewOpinionService(db *DB) *OpinionService { return &OpinionService{db: db} }

var errOpinionNotFound = jingzi.Errorf(jingzi.ENOTFOUND, "意见建议不存在或您无权查看。")

const opinionColumns = `id, solicitation_id, channel, unit, participant_id, aspect_index, body, status, merged_into`

// FindOpinionByID returns an opinion the caller may see.
func (s *OpinionService) FindOpinionByID(ctx context.Context, id string) (*jingzi.Opinion, error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	o, sol, m, err := findOpinion(tx, id)
	if err != nil {
		return nil, err
	} else if !jingzi.CanSeeOpinion(ctx, m, sol, o) {
		return nil, errOpinionNotFound
	}
	return o, nil
}

// FindOpinions lists the opinions the caller may see, ordered by their random ids.
func (s *OpinionService) FindOpinions(ctx context.Context, f jingzi.OpinionFilter) ([]*jingzi.Opinion, int, error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	where, args := []string{"1 = 1"}, []any{}
	if v := f.SolicitationID; v != nil {
		where, args = append(where, "solicitation_id = ?"), append(args, *v)
	}
	if v := f.MeetingID; v != nil {
		where, args = append(where, "solicitation_id IN (SELECT id FROM solicitations WHERE meeting_id = ?)"), append(args, *v)
	}
	if v := f.ParticipantID; v != nil {
		where, args = append(where, "participant_id = ?"), append(args, *v)
	}
	all, err := findOpinions(tx, strings.Join(where, " AND "), args...)
	if err != nil {
		return nil, 0, err
	}
	type owner struct {
		sol *jingzi.Solicitation
		m   *jingzi.Meeting
	}
	owners := map[int64]owner{}
	var out []*jingzi.Opinion
	for _, o := range all {
		ow, ok := owners[o.SolicitationID]
		if !ok {
			if ow.sol, ow.m, err = findSolicitation(tx, o.SolicitationID); err != nil {
				return nil, 0, err
			}
			owners[o.SolicitationID] = ow
		}
		if jingzi.CanSeeOpinion(ctx, ow.m, ow.sol, o) {
			out = append(out, o)
		}
	}
	return page(out, f.Offset, f.Limit), len(out), nil
}

// CreateOpinion stores an organiser's manual entry.
func (s *OpinionService) CreateOpinion(ctx context.Context, o *jingzi.Opinion) error {
	if o.Channel.Anonymous() || o.Channel.Label() == string(o.Channel) {
		return jingzi.Errorf(jingzi.EINVALID, "请选择座谈会、个别访谈、意见箱或谈心谈话。")
	}
	o.MergedInto = ""
	if err := o.Validate(); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	_, m, err := manageableSolicitation(tx, o.SolicitationID)
	if err != nil {
		return err
	}
	if err := checkTarget(m, o.ParticipantID, o.AspectIndex); err != nil {
		return err
	}
	if err := insertOpinion(tx, o); err != nil {
		return err
	}
	if err := audit(tx, "opinion.create", "solicitation", o.SolicitationID, m.OrgID, o.Channel.Label()+"："+o.ID); err != nil {
		return err
	}
	return tx.Commit()
}

// UpdateOpinion is the organiser's triage: target, aspect, status.
func (s *OpinionService) UpdateOpinion(ctx context.Context, id string, upd jingzi.OpinionUpdate) (*jingzi.Opinion, error) {
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	o, m, err := manageableOpinion(tx, id)
	if err != nil {
		return nil, err
	}
	if v := upd.ParticipantID; v != nil {
		o.ParticipantID = *v
	}
	if v := upd.AspectIndex; v != nil {
		o.AspectIndex = *v
	}
	if v := upd.Status; v != nil {
		o.Status = *v
	}
	if err := o.Validate(); err != nil {
		return nil, err
	} else if err := checkTarget(m, o.ParticipantID, o.AspectIndex); err != nil {
		return nil, err
	}
	if _, err := tx.exec(`UPDATE opinions SET participant_id = ?, aspect_index = ?, status = ? WHERE id = ?`,
		o.ParticipantID, o.AspectIndex, string(o.Status), id); err != nil {
		return nil, fmt.Errorf("update opinion: %w", err)
	}
	if err := audit(tx, "opinion.update", "solicitation", o.SolicitationID, m.OrgID, "整理意见："+id); err != nil {
		return nil, err
	}
	return o, tx.Commit()
}

// MergeOpinions links duplicates to the opinion they repeat.
func (s *OpinionService) MergeOpinions(ctx context.Context, into string, ids []string) error {
	if len(ids) == 0 {
		return jingzi.Errorf(jingzi.EINVALID, "请选择要合并的重复意见。")
	}
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	target, m, err := manageableOpinion(tx, into)
	if err != nil {
		return err
	} else if target.MergedInto != "" {
		return jingzi.Errorf(jingzi.EINVALID, "不能合并到已被合并的意见，请选择其合并后的意见。")
	}
	for _, id := range ids {
		o, _, err := manageableOpinion(tx, id)
		if err != nil {
			return err
		} else if id == into || o.SolicitationID != target.SolicitationID {
			return jingzi.Errorf(jingzi.EINVALID, "只能把同一次征求意见中的其他意见合并到所选意见。")
		}
		// Opinions already merged into id follow it, so that no chain forms.
		if _, err := tx.exec(`UPDATE opinions SET merged_into = ? WHERE id = ? OR merged_into = ?`, into, id, id); err != nil {
			return fmt.Errorf("merge opinion: %w", err)
		}
	}
	if err := audit(tx, "opinion.merge", "solicitation", target.SolicitationID, m.OrgID,
		fmt.Sprintf("合并%d条重复意见到%s", len(ids), into)); err != nil {
		return err
	}
	return tx.Commit()
}

// CountOpinions returns 征求意见N条、覆盖N个单位 for a meeting.
func (s *SolicitationService) CountOpinions(ctx context.Context, meetingID int64) (opinions int, units int, err error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return 0, 0, err
	}
	defer tx.Rollback()
	m, err := findMeetingByID(tx, meetingID)
	if err != nil {
		return 0, 0, err
	} else if !jingzi.CanViewMeeting(ctx, m.OrgPath) {
		return 0, 0, errMeetingNotFound
	}
	err = tx.queryRow(`SELECT COUNT(*) FROM opinions WHERE merged_into = ''
		AND solicitation_id IN (SELECT id FROM solicitations WHERE meeting_id = ?)`, meetingID).Scan(&opinions)
	if err != nil {
		return 0, 0, fmt.Errorf("count opinions: %w", err)
	}
	err = tx.queryRow(`SELECT COUNT(DISTINCT unit) FROM (
		SELECT unit FROM opinions WHERE unit <> '' AND solicitation_id IN (SELECT id FROM solicitations WHERE meeting_id = ?)
		UNION SELECT unit FROM unit_forms WHERE submissions > 0 AND solicitation_id IN (SELECT id FROM solicitations WHERE meeting_id = ?)
		UNION SELECT unit FROM solicitation_codes WHERE used AND unit <> '' AND solicitation_id IN (SELECT id FROM solicitations WHERE meeting_id = ?)
	) u`, meetingID, meetingID, meetingID).Scan(&units)
	if err != nil {
		return 0, 0, fmt.Errorf("count units: %w", err)
	}
	return opinions, units, nil
}

func manageableOpinion(tx *Tx, id string) (*jingzi.Opinion, *jingzi.Meeting, error) {
	o, sol, m, err := findOpinion(tx, id)
	if err != nil {
		return nil, nil, err
	} else if !jingzi.CanSeeOpinion(tx.ctx, m, sol, o) {
		return nil, nil, errOpinionNotFound
	} else if !jingzi.CanManageMeeting(tx.ctx, m.OrgPath) {
		return nil, nil, jingzi.Errorf(jingzi.EFORBIDDEN, "只有本党组织或上级的党办组织者可以整理意见建议。")
	}
	return o, m, nil
}

func findOpinion(tx *Tx, id string) (*jingzi.Opinion, *jingzi.Solicitation, *jingzi.Meeting, error) {
	list, err := findOpinions(tx, "id = ?", id)
	if err != nil {
		return nil, nil, nil, err
	} else if len(list) == 0 {
		return nil, nil, nil, errOpinionNotFound
	}
	sol, m, err := findSolicitation(tx, list[0].SolicitationID)
	if err != nil {
		return nil, nil, nil, err
	}
	return list[0], sol, m, nil
}

func findOpinions(tx *Tx, cond string, args ...any) ([]*jingzi.Opinion, error) {
	rows, err := tx.query(`SELECT `+opinionColumns+` FROM opinions WHERE `+cond+` ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("find opinions: %w", err)
	}
	defer rows.Close()
	var out []*jingzi.Opinion
	for rows.Next() {
		o := &jingzi.Opinion{}
		var ch, status string
		if err := rows.Scan(&o.ID, &o.SolicitationID, &ch, &o.Unit, &o.ParticipantID, &o.AspectIndex, &o.Text, &status, &o.MergedInto); err != nil {
			return nil, err
		}
		o.Channel, o.Status = jingzi.Channel(ch), jingzi.OpinionStatus(status)
		out = append(out, o)
	}
	return out, rows.Err()
}
