import { useState } from 'preact/hooks';
import type { CampaignInvitation } from '../../sync/api';
import type { LocalState } from '../../store/local';
import { setAsideInvitation } from '../../sync/online';
import { accentStyle, invitationsOf } from '../campaigns';
import { online } from '../connectivity';
import { useObservable } from '../hooks';
import { paths } from '../router';

/** On Today: "Alex joined … and would like you to join too", with the way in and a "Not now". */
export function CampaignInvitations({ state }: { state: LocalState }) {
  const list = invitationsOf(state);
  if (list.length === 0) return null;
  return (
    <>
      {list.map((invitation) => (
        <Invitation key={invitation.code} invitation={invitation} />
      ))}
    </>
  );
}

function Invitation({ invitation }: { invitation: CampaignInvitation }) {
  const isOnline = useObservable(online);
  const [state, setState] = useState<{ busy: boolean; error?: string }>({ busy: false });
  const { info } = invitation;
  const who = invitation.partner_name ?? 'Your partner';
  const headingId = `invitation-${invitation.code}`;
  const notNow = async (): Promise<void> => {
    setState({ busy: true });
    const result = await setAsideInvitation(invitation.code);
    if (!result.ok) setState({ busy: false, error: result.message });
  };
  return (
    <section
      class="today__section campaign-card campaign-invitation"
      style={accentStyle(info.accent_colour)}
      aria-labelledby={headingId}
    >
      <h2 id={headingId} class="section-title">
        An invitation from {who}
      </h2>
      <p>
        {who} joined <strong>{info.name}</strong> from {info.practice_name} as a couple, and would like you to take part
        too. It is your choice: read what {info.practice_name} will and will not see, then decide.
      </p>
      {state.error && (
        <p class="hint hint--strong" role="alert">
          {state.error}
        </p>
      )}
      <p class="actions actions--row">
        <a class="button button--primary" href={paths.campaignJoin(invitation.code)}>
          See the programme
        </a>
        <button type="button" class="button" disabled={!isOnline || state.busy} onClick={() => void notNow()}>
          Not now
        </button>
      </p>
      {!isOnline && <p class="hint">“Not now” needs a connection.</p>}
    </section>
  );
}
