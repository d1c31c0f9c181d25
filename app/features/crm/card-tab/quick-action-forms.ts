// The four quick-action forms, one chunk: fetched together the first time any of them opens.
export { default as CommentForm } from './comment-form.tsx';
export { default as MeetingForm } from './meeting-form.tsx';
export { default as NotifyForm } from './notify-form.tsx';
export { default as TaskForm } from './task-form.tsx';
