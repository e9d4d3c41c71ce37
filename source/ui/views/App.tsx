import {useCallback, useEffect, useMemo, useRef, useSyncExternalStore} from 'react';
import {Box, Text, useApp, useInput} from 'ink';
import {openTagColumn, otherTagColumns, typesByFrequency, type Indexer, type LayerReader, type Session} from '../../corpus/index.js';
import type {Review} from '../../review/index.js';
import {trace} from '../../trace.js';
import {EffectRunner} from '../effects.js';
import {firstLabelOrder} from '../restored-review.js';
import {worldOf} from '../live-world.js';
import type {FrameSource} from '../slices.js';
import {useTerminalSize} from '../hooks/use-terminal-size.js';
import {useWarmUp} from '../hooks/use-warm-up.js';
import {screenLayout, type TerminalSize} from '../layout.js';
import {actsWhileTooSmall, keyAction, keyNames} from '../state/keymap.js';
import {initialState} from '../state/state.js';
import {secondOpinion, type SecondOpinion} from '../second-opinion.js';
import {Store} from '../store.js';
import {screenModel} from '../view-model/index.js';
import {ConsistencyView} from './ConsistencyView.js';
import {DisplayContext} from './display-context.js';
import {Header} from './Header.js';
import {LabelBar} from './LabelBar.js';
import {Page} from './Page.js';
import {TypeColors} from './palette.js';
import {SentenceList} from './SentenceList.js';
import {SentenceView} from './SentenceView.js';
import {StatusLine} from './StatusLine.js';
import {TokenDetail} from './TokenDetail.js';

export type AppProps = {
	readonly session: Session;
	/** Label bar order from `--labels`; otherwise the file's types by frequency. */
	readonly labels?: readonly string[];
	readonly plain: boolean;
	/** Size to use when stdout does not report one (tests). */
	readonly size?: TerminalSize;
	/** Still reading a large file: indexed in slices between frames. */
	readonly indexer?: Indexer;
	/** A message for the status line at start (a format warning). */
	readonly notice?: string;
	/** Called when background indexing finds the file malformed. */
	readonly onFatal?: (error: unknown) => void;
	/** `L` ends the app to open the file again on another tag column (1-based). */
	readonly onReopen?: (tagColumn: number) => void;
	/** Review progress (sidecar) and the edit journal; absent in tests that do not need them. */
	readonly review?: Review;
	/** Compare mode's other side (--compare, --compare-column), read in slices. */
	readonly compare?: LayerReader;
	/** `--reference` corpora, indexed and analysed in the background. */
	readonly references?: ReadonlyArray<{file: string; indexer: Indexer}>;
	/** Frames on the terminal (Ink's onRender): the background's slices wait for a key's frame. */
	readonly frames?: FrameSource;
};

/**
The screen: a store (state + pure reducer + effect runner), keys mapped to actions by the keymap,
and views drawn from the view model. Nothing here decides anything.
*/
export function App({session, labels: fixedLabels, plain, size: fallbackSize, indexer, notice, onFatal, onReopen, review, compare, references = [], frames}: AppProps) {
	const {exit} = useApp();
	const size = useTerminalSize(fallbackSize ?? {columns: 80, rows: 24});
	const {store, runner, world} = useMemo(() => {
		const second = openSecondOpinion(session, compare);
		let runner: EffectRunner | undefined;
		const world = worldOf(session, review, second, () => runner?.queue.current);
		const initial = {
			...initialState(fixedLabels ?? firstLabelOrder(review, typesByFrequency(session.corpus)), size),
			message: notice === undefined ? undefined : {text: notice, tone: 'info'} as const,
			indexing: session.corpus.complete ? undefined : indexer?.progress ?? 0,
		};
		let dispatch = (_action: Parameters<Store['dispatch']>[0]) => undefined as void;
		runner = new EffectRunner(session, review, {dispatch: action => dispatch(action), exit, onFatal, reopen: onReopen, frames}, second, references);
		const store = new Store(initial, world, runner);
		dispatch = store.dispatch;
		return {store, runner, world};
	}, []);
	const state = useSyncExternalStore(store.subscribe, store.getState);
	const colors = useMemo(() => new TypeColors(state.labels), []);
	const display = useMemo(() => ({plain, colors}), [plain, colors]);

	useEffect(() => {
		runner.start(indexer, fixedLabels);
		return () => {
			runner.stop();
		};
	}, []);

	useEffect(() => {
		if (size !== state.size) {
			store.dispatch({type: 'resize', size});
		}
	}, [size]);

	// The same screen drawn again a few times while nobody types: the first key is then not the first
	// run of the update code. Not while a large file is indexed: its progress redraws do that already.
	const typed = useRef(false);
	useWarmUp(() => typed.current || indexer !== undefined);

	// Typing goes through the store too, which always has the latest state: keys typed faster than
	// a frame are neither lost nor reordered.
	useInput(useCallback((input, key) => {
		// Raw mode turns Ctrl-Z into a key: it suspends as the terminal would (ui/terminal.ts gives the screen back first).
		if (key.ctrl && input === 'z') {
			process.kill(process.pid, 'SIGTSTP');
			return;
		}

		typed.current = true;
		runner.keyPressed();
		for (const name of keyNames(input, key)) {
			trace.key(name);
			if (screenLayout(store.getState().size).tooSmall && !actsWhileTooSmall(name, store.getState().mode.kind)) {
				continue;
			}

			const action = keyAction(store.getState().mode.kind, name);
			if (action !== undefined) {
				store.dispatch(action);
			}
		}

		// The key's actions are done (a save holds the thread a third of a second): the tagger's wait for quiet keys counts from now.
		runner.queue.keyHandled();
	}, []));

	// The size from the hook, not from the state: the state learns of a resize one render later.
	const screen = screenModel(size === state.size ? state : {...state, size}, world, session.fileName);
	if (screen.kind === 'too-small') {
		return <Text>{screen.lines.join('\n')}</Text>;
	}

	const {body} = screen;
	return (
		<DisplayContext.Provider value={display}>
			<Box flexDirection="column" width={screen.width}>
				<Header text={screen.header.text} modified={screen.header.modified} />
				{body.kind === 'page' ? <Page page={body.page} rows={body.rows} />
					: body.kind === 'waiting' ? <Box height={body.rows} />
						: body.kind === 'consistency' ? (
							<>
								<ConsistencyView view={body.view} rows={body.rows} />
								<LabelBar bar={body.labels} />
							</>
						) : (
							<>
								<SentenceList rows={body.list} height={body.listRows} />
								<Text>{'─'.repeat(screen.width)}</Text>
								<SentenceView lines={body.sentence} cursor={screen.cursor} selection={screen.selection} rows={body.sentenceRows} />
								{body.other === undefined ? undefined : <SentenceView title={body.other.title} lines={body.other.lines} cursor={screen.cursor} rows={body.otherRows} dim={body.other.dim} />}
								<TokenDetail text={body.detail.text} invalid={body.detail.invalid} />
								<LabelBar bar={body.labels} />
							</>
						)}
				<StatusLine status={screen.status} />
			</Box>
		</DisplayContext.Provider>
	);
}

/** Compare mode's other side; else, in a file with several tag columns, the first other layer, drawn dimmed. */
function openSecondOpinion(session: Session, compare: LayerReader | undefined): SecondOpinion | undefined {
	if (compare !== undefined) {
		return secondOpinion(compare, 'compare');
	}

	const [other] = otherTagColumns(session.corpus.format);
	return other === undefined ? undefined : secondOpinion(openTagColumn(session.corpus, other), 'layer');
}
