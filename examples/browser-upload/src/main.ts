import { mountUploader } from './uploader.js';

mountUploader(document.getElementById('app')!, new URLSearchParams(location.search).get('api') ?? 'http://localhost:7860');
