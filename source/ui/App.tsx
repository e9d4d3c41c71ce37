import {useCallback, useEffect, useMemo, useState} from 'react';
import {Box, Text, useApp, useInput} from 'ink';
import {typesByFrequency, type Indexer, type Session} from '../corpus/index.js';
import {describeFilter} from '../review/filter.js';
import type {Review} from '../review/review.js';
import {analysisOf} from '../review/analysis.js';
import {trace} from '../trace.js';
import {ConsistencyView} from './ConsistencyView.js';
import {DisplayContext} from './display-context.js';
import {StatsView} from './StatsView.js';
import {Header} from './Header.js';
import {HelpOverlay} from './HelpOverlay.js';
import {useStore} from './hooks/use-store.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import {keyAction, keyNames} from './keymap.js';
import {LabelBar, labelBarRows} from './LabelBar.js';
import {minimumSize, overlayRows, screenLayout, type TerminalSize} from './layout.js';
import {TypeColors} from './palette.js';
import {SentenceList} from './SentenceList.js';
import {SentenceView} from './SentenceView.js';
import {initialState, selectionOf} from './state.js';
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
	/** Review progress (sidecar) and the edit journal; absent in tests that do not need them. */
	readonly review?: Review;
};

/** How long the sidecar waits after the last change before it is written. */
const sidecarDelayMs = 500;

/** Time one indexing slice may hold the event loop, so keys still answer within a frame. */
const indexSliceMs = 8;
const progressRedrawMs = 150;

export function App({session, labels: fixedLabels, plain, size: fallbackSize, indexer, notice, onFatal, review}: AppProps) {
	const {corpus} = session;
	const {exit} = useApp();
	const size = useTerminalSize(fallbackSize ?? {columns: 80, rows: 24});
	const [state, dispatch, current] = useStore(session, review, () => ({
		...initialState(fixedLabels ?? typesByFrequency(corpus), size),
		message: notice === undefined ? undefined : {text: notice, tone: 'info'},
	}));
	const colors = useMemo(() => new TypeColors(state.labels), []);
	const display = useMemo(() => ({plain, colors}), [plain, colors]);
	const [indexing, setIndexing] = useState<number | undefined>(corpus.complete ? undefined : indexer?.progress ?? 0);

	useEffect(() => {
		if (size !== state.size) {
			dispatch({type: 'resize', size});
		}
	}, [size]);

	useEffect(() => {
		if (state.exit) {
			exit();
		}
	}, [state.exit]);

	// A held-back action runs once the frame that says why has been drawn.
	useEffect(() => {
		const {waitingFor} = state;
		if (waitingFor === undefined) {
			return;
		}

		const timer = setTimeout(() => {
			analysisOf(session);
			dispatch(waitingFor);
		}, 50);
		return () => {
			clearTimeout(timer);
		};
	}, [state.waitingFor]);

	// Review state needs the whole corpus: restored once indexing is done.
	const onIndexed = useCallback(() => {
		if (review === undefined) {
			return;
		}

		const {position, message} = review.restore();
		const {recovery, problem} = review.pendingRecovery();
		if (recovery === undefined) {
			review.startJournal(true);
		}

		dispatch({type: 'restore-review', position, message: problem ?? message, pendingEdits: recovery?.pendingEdits});
	}, [review]);

	useEffect(() => {
		if (review === undefined) {
			return;
		}

		review.moveTo({sentence: state.sentence, token: state.token});
		const timer = setTimeout(() => {
			review.flush();
		}, sidecarDelayMs);
		return () => {
			clearTimeout(timer);
		};
	}, [state.sentence, state.token, state.revision]);

	useEffect(() => {
		if (corpus.complete) {
			onIndexed();
		}

		if (indexer === undefined || corpus.complete) {
			return;
		}

		let cancelled = false;
		let shownAt = performance.now();
		const slice = () => {
			if (cancelled) {
				return;
			}

			try {
				const deadline = performance.now() + indexSliceMs;
				let done = false;
				while (!done && performance.now() < deadline) {
					done = indexer.step(256 * 1024);
				}

				if (done) {
					trace.mark('indexed', {sentences: corpus.sentenceCount, tokens: corpus.tokenCount});
					setIndexing(undefined);
					dispatch({type: 'corpus-grew', labels: fixedLabels === undefined ? typesByFrequency(corpus) : undefined});
					onIndexed();
					return;
				}

				// Redraw the progress a few times a second, not after every slice: a frame costs as much as a slice.
				if (performance.now() - shownAt > progressRedrawMs) {
					shownAt = performance.now();
					setIndexing(indexer.progress);
				}

				setImmediate(slice);
			} catch (error) {
				onFatal?.(error);
			}
		};

		setImmediate(slice);
		return () => {
			cancelled = true;
		};
	}, []);

	// Prompt typing goes through the store too, which always has the latest text: keys typed faster
	// than a frame are neither lost nor reordered (a controlled text input would rebuild each key's
	// text from the value it was last rendered with).
	useInput(useCallback((input, key) => {
		// Raw mode turns Ctrl-Z into a key: it suspends as the terminal would (ui/terminal.ts restores the screen first).
		if (key.ctrl && input === 'z') {
			process.kill(process.pid, 'SIGTSTP');
			return;
		}

		for (const name of keyNames(input, key)) {
			trace.key(name);
			const action = keyAction(current().mode.kind, name);
			if (action !== undefined) {
				dispatch(action);
			}
		}
	}, []));

	// The size from the hook, not from the state: the state learns of a resize one render later.
	const layout = screenLayout(size);
	if (layout.tooSmall) {
		return <Text>{`Terminal too small: ${size.columns}x${size.rows}, need ${minimumSize.columns}x${minimumSize.rows}. Enlarge it, or q to quit.`.slice(0, Math.max(1, size.columns - 1))}</Text>;
	}

	const selection = selectionOf(state);
	const viewRows = overlayRows(layout);
	const body = state.mode.kind === 'help' ? (
		<HelpOverlay rows={viewRows} width={layout.width} scroll={state.mode.scroll} />
	) : state.mode.kind === 'consistency' ? (
		<>
			<ConsistencyView session={session} text={state.mode.text} selected={state.mode.selected} rows={viewRows - labelBarRows} width={layout.width} revision={state.revision} />
			<LabelBar labels={state.labels} width={layout.width} />
		</>
	) : state.mode.kind === 'stats' ? (
		<StatsView session={session} review={review} scroll={state.mode.scroll} rows={viewRows} width={layout.width} revision={state.revision} />
	) : (
		<>
			<SentenceList corpus={corpus} current={state.sentence} rows={layout.listRows} width={layout.width} revision={state.revision} sentenceCount={corpus.sentenceCount} review={review} filter={state.filter} />
			<Text>{'─'.repeat(layout.width)}</Text>
			<SentenceView corpus={corpus} sentence={state.sentence} cursor={state.token} selection={selection} rows={layout.sentenceRows} width={layout.width} revision={state.revision} />
			<TokenDetail corpus={corpus} sentence={state.sentence} cursor={state.token} selection={selection} width={layout.width} revision={state.revision} />
			<LabelBar labels={state.labels} width={layout.width} />
		</>
	);
	const [first, end] = corpus.sentenceTokens(state.sentence);
	return (
		<DisplayContext.Provider value={display}>
			<Box flexDirection="column" width={layout.width}>
				<Header
					fileName={session.fileName}
					sentence={state.sentence}
					sentenceCount={corpus.sentenceCount}
					token={state.token}
					tokenCount={end - first}
					scheme={corpus.format.scheme}
					dirty={session.dirty}
					indexing={indexing}
					reviewed={review?.marks.reviewedCount}
					flagged={review?.marks.flaggedCount}
					filter={state.filter === undefined ? undefined : describeFilter(state.filter)}
					width={layout.width}
				/>
				{body}
				<StatusLine mode={state.mode} message={state.message} labels={state.labels} width={layout.width} />
			</Box>
		</DisplayContext.Provider>
	);
}
