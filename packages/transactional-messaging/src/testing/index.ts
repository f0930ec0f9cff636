export { TopicRecorder } from './topic-recorder.js';
