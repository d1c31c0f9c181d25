// The three states every screen shows while it is not showing data; one component per file.
export { LoadingState } from './loading-state.tsx';
export { EmptyState, type EmptyStateProps } from './empty-state.tsx';
export { ErrorState, type ErrorStateProps } from './error-state.tsx';
