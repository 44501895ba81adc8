/**
 * The words of every message, as data: one template per notification kind and language
 * (fi, sv, en). `{title}`, `{count}`, `{outcome}`, `{status}`, `{progress}`, `{reason}`, `{closesAt}` are
 * filled in by ./compose.ts; nothing here knows about MIME or HTML.
 */

export const mailLanguages = ['fi', 'sv', 'en'] as const;
export type MailLanguage = (typeof mailLanguages)[number];

export interface KindTemplate {
  subject: string;
  /** The one sentence that says what happened. */
  line: string;
  /** Link text that says where the link goes. */
  link: string;
}

export type Kind =
  | 'DraftClosingSoon' | 'DraftClosed' | 'DecisionRecorded' | 'ImplementationUpdated'
  | 'CommentResponded' | 'CommentActivity' | 'CommentHidden' | 'AgendaPublished' | 'DraftWithdrawn' | 'DraftExtended';

export const kinds: Kind[] = [
  'DraftClosingSoon', 'DraftClosed', 'DecisionRecorded', 'ImplementationUpdated', 'CommentResponded', 'CommentActivity', 'CommentHidden', 'AgendaPublished',
  'DraftWithdrawn', 'DraftExtended',
];

export const templates: Record<MailLanguage, Record<Kind, KindTemplate>> = {
  fi: {
    DraftClosingSoon: { subject: 'Kommentointi päättyy pian: {title}', line: 'Luonnoksen ”{title}” kommentointi päättyy pian. Ehdit vielä kertoa mielipiteesi.', link: 'Avaa luonnos ”{title}”' },
    DraftClosed: { subject: 'Kommentointi päättyi: {title}', line: 'Luonnoksen ”{title}” kommentointi on päättynyt. Kiitos osallistumisesta.', link: 'Avaa luonnos ”{title}”' },
    DecisionRecorded: { subject: 'Päätös tehty: {title}', line: 'Asiassa ”{title}” on tehty päätös: {outcome}.', link: 'Lue päätös ”{title}”' },
    ImplementationUpdated: { subject: 'Toimeenpano etenee: {title}', line: 'Päätöksen toimeenpano ”{title}”: {status}, {progress} % valmiina.', link: 'Katso toimeenpanon tilanne ”{title}”' },
    CommentResponded: { subject: 'Kommenttiisi vastattiin: {title}', line: 'Kunta on vastannut kommenttiisi luonnoksesta ”{title}”.', link: 'Lue vastaus luonnoksessa ”{title}”' },
    CommentActivity: { subject: 'Uusia kommentteja: {title}', line: 'Seuraamaasi luonnokseen ”{title}” on tullut {count} uutta kommenttia.', link: 'Lue kommentit luonnoksessa ”{title}”' },
    CommentHidden: { subject: 'Kommenttisi piilotettiin: {title}', line: 'Kommenttisi luonnoksesta ”{title}” piilotettiin. Syy: {reason}', link: 'Avaa luonnos ”{title}”' },
    AgendaPublished: { subject: 'Esityslistalla: {title}', line: 'Seuraamasi asia ”{title}” on kokouksen esityslistalla.', link: 'Avaa luonnos ”{title}”' },
    DraftWithdrawn: { subject: 'Luonnos peruttiin: {title}', line: 'Luonnos ”{title}” on peruttu. Syy: {reason}', link: 'Avaa luonnos ”{title}”' },
    DraftExtended: { subject: 'Kommentointiaikaa jatkettiin: {title}', line: 'Luonnoksen ”{title}” kommentointi jatkuu {closesAt} asti.', link: 'Avaa luonnos ”{title}”' },
  },
  sv: {
    DraftClosingSoon: { subject: 'Kommenteringen slutar snart: {title}', line: 'Kommenteringen av utkastet ”{title}” slutar snart. Du hinner ännu säga din åsikt.', link: 'Öppna utkastet ”{title}”' },
    DraftClosed: { subject: 'Kommenteringen har slutat: {title}', line: 'Kommenteringen av utkastet ”{title}” har slutat. Tack för att du deltog.', link: 'Öppna utkastet ”{title}”' },
    DecisionRecorded: { subject: 'Beslut fattat: {title}', line: 'I ärendet ”{title}” har ett beslut fattats: {outcome}.', link: 'Läs beslutet ”{title}”' },
    ImplementationUpdated: { subject: 'Verkställigheten framskrider: {title}', line: 'Verkställigheten av beslutet ”{title}”: {status}, {progress} % klart.', link: 'Se läget för verkställigheten ”{title}”' },
    CommentResponded: { subject: 'Din kommentar har fått svar: {title}', line: 'Kommunen har svarat på din kommentar om utkastet ”{title}”.', link: 'Läs svaret i utkastet ”{title}”' },
    CommentActivity: { subject: 'Nya kommentarer: {title}', line: 'Utkastet ”{title}” som du följer har fått {count} nya kommentarer.', link: 'Läs kommentarerna i utkastet ”{title}”' },
    CommentHidden: { subject: 'Din kommentar har dolts: {title}', line: 'Din kommentar om utkastet ”{title}” har dolts. Orsak: {reason}', link: 'Öppna utkastet ”{title}”' },
    AgendaPublished: { subject: 'På föredragningslistan: {title}', line: 'Ärendet ”{title}” som du följer finns på mötets föredragningslista.', link: 'Öppna utkastet ”{title}”' },
    DraftWithdrawn: { subject: 'Utkastet har dragits tillbaka: {title}', line: 'Utkastet ”{title}” har dragits tillbaka. Orsak: {reason}', link: 'Öppna utkastet ”{title}”' },
    DraftExtended: { subject: 'Kommenteringstiden har förlängts: {title}', line: 'Kommenteringen av utkastet ”{title}” pågår till {closesAt}.', link: 'Öppna utkastet ”{title}”' },
  },
  en: {
    DraftClosingSoon: { subject: 'Commenting closes soon: {title}', line: 'Commenting on the draft “{title}” closes soon. There is still time to have your say.', link: 'Open the draft “{title}”' },
    DraftClosed: { subject: 'Commenting has closed: {title}', line: 'Commenting on the draft “{title}” has closed. Thank you for taking part.', link: 'Open the draft “{title}”' },
    DecisionRecorded: { subject: 'Decision made: {title}', line: 'A decision has been made on “{title}”: {outcome}.', link: 'Read the decision “{title}”' },
    ImplementationUpdated: { subject: 'Implementation update: {title}', line: 'Carrying out the decision “{title}”: {status}, {progress} % done.', link: 'See how “{title}” is being carried out' },
    CommentResponded: { subject: 'Your comment got a response: {title}', line: 'The municipality has responded to your comment on the draft “{title}”.', link: 'Read the response on the draft “{title}”' },
    CommentActivity: { subject: 'New comments: {title}', line: 'The draft “{title}” that you follow has {count} new comments.', link: 'Read the comments on the draft “{title}”' },
    CommentHidden: { subject: 'Your comment was hidden: {title}', line: 'Your comment on the draft “{title}” was hidden. Reason: {reason}', link: 'Open the draft “{title}”' },
    AgendaPublished: { subject: 'On the agenda: {title}', line: 'The matter “{title}” that you follow is on a meeting\'s agenda.', link: 'Open the draft “{title}”' },
    DraftWithdrawn: { subject: 'Draft withdrawn: {title}', line: 'The draft “{title}” has been withdrawn. Reason: {reason}', link: 'Open the draft “{title}”' },
    DraftExtended: { subject: 'Commenting extended: {title}', line: 'Commenting on the draft “{title}” is open until {closesAt}.', link: 'Open the draft “{title}”' },
  },
};

/** Words for values the messages name: decision outcomes and implementation statuses. */
export const words: Record<MailLanguage, Record<string, string>> = {
  fi: {
    approved: 'hyväksytty', amended: 'hyväksytty muutettuna', rejected: 'hylätty', tabled: 'pöydälle', returned: 'palautettu valmisteluun',
    planned: 'suunniteltu', in_progress: 'käynnissä', delayed: 'viivästynyt', completed: 'valmis', cancelled: 'peruttu',
  },
  sv: {
    approved: 'godkänt', amended: 'godkänt med ändringar', rejected: 'förkastat', tabled: 'bordlagt', returned: 'återremitterat',
    planned: 'planerat', in_progress: 'pågår', delayed: 'försenat', completed: 'klart', cancelled: 'inställt',
  },
  en: {
    approved: 'approved', amended: 'approved with amendments', rejected: 'rejected', tabled: 'tabled', returned: 'returned for preparation',
    planned: 'planned', in_progress: 'in progress', delayed: 'delayed', completed: 'completed', cancelled: 'cancelled',
  },
};

/** What every message says around its news. */
export interface Frame {
  /** What the message is, when no title says it (a title missing in every language). */
  untitled: string;
  digestSubject: string;
  digestHeading: { daily: string; weekly: string };
  /** Why this came, and how to stop it. */
  footer: string;
}

export const frames: Record<MailLanguage, Frame> = {
  fi: {
    untitled: 'nimetön asia',
    digestSubject: '{period}: {count} uutta seuraamissasi asioissa',
    digestHeading: { daily: 'Päivän kooste', weekly: 'Viikon kooste' },
    footer: 'Saat tämän viestin, koska seuraat asiaa tai kommentoit sitä. Voit lopettaa viestit sähköpostiohjelmasi peruutuspainikkeella tai muuttaa asetuksiasi palvelussa.',
  },
  sv: {
    untitled: 'namnlöst ärende',
    digestSubject: '{period}: {count} nyheter i ärenden du följer',
    digestHeading: { daily: 'Dagens sammandrag', weekly: 'Veckans sammandrag' },
    footer: 'Du får detta meddelande eftersom du följer eller har kommenterat ärendet. Du kan avsluta meddelandena med avregistreringsknappen i ditt e-postprogram eller ändra dina inställningar i tjänsten.',
  },
  en: {
    untitled: 'an untitled matter',
    digestSubject: '{period}: {count} updates on what you follow',
    digestHeading: { daily: 'Your daily digest', weekly: 'Your weekly digest' },
    footer: 'You get this message because you follow or commented on this matter. To stop these messages, use the unsubscribe button of your mail program, or change your preferences in the service.',
  },
};
